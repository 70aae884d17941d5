/**
 * Latchkey's Spring Boot auto-configuration: {@link dev.latchkey.auth.spring.LatchkeyAutoConfiguration} (the service
 * over the application's DataSource), {@link dev.latchkey.auth.spring.LatchkeySecurityAutoConfiguration} (Spring
 * Security's resource server over in-process token verification), and the health and metrics beside them.
 */
package dev.latchkey.auth.spring;
