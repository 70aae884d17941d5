/**
 * The {@code latchkey.*} properties, bound by Spring Boot: {@link
 * dev.latchkey.auth.spring.properties.LatchkeyProperties}.
 */
package dev.latchkey.auth.spring.properties;
