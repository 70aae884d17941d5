/**
 * Access tokens: offline and online verification, the JWKS and key rotation ({@link
 * dev.latchkey.auth.token.AccessTokens}, reached by {@code AuthService.tokens()}), and how they are signed ({@link
 * dev.latchkey.auth.token.SigningConfig}).
 */
package dev.latchkey.auth.token;
