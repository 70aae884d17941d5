/**
 * Self-service registration proved by a one-time code ({@link dev.latchkey.auth.registration.Registrations},
 * reached by {@code AuthService.registrations()}).
 */
package dev.latchkey.auth.registration;
