/**
 * The password factor: login, change and reset ({@link dev.latchkey.auth.password.Passwords}, reached by {@code
 * AuthService.passwords()}), its hashing rules ({@link dev.latchkey.auth.password.PasswordConfig}) and brute-force
 * limits ({@link dev.latchkey.auth.password.LoginLimits}).
 */
package dev.latchkey.auth.password;
