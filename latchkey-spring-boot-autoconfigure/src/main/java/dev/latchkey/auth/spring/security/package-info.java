/**
 * Spring Security integration: Latchkey access tokens verified in process as the resource server's bearer tokens,
 * their roles and factors as authorities, the verified token as principal.
 */
package dev.latchkey.auth.spring.security;
