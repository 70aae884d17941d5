/** Not API: the implementation of Latchkey's Spring Boot auto-configuration; may change in any release. */
package dev.latchkey.auth.spring.internal;
