/** The implementation of {@code dev.latchkey.auth.password}. Not API: it may change in any release. */
package dev.latchkey.auth.password.internal;
