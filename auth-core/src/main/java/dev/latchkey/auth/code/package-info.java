/**
 * The one-time-code factor: login by a code sent by SMS or email ({@link dev.latchkey.auth.code.LoginCodes},
 * reached by {@code AuthService.loginCodes()}), and the settings of every code ({@link
 * dev.latchkey.auth.code.CodeConfig}).
 */
package dev.latchkey.auth.code;
