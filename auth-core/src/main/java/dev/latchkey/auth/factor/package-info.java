/**
 * The factor SPI: a way to authenticate added as a unit ({@link dev.latchkey.auth.factor.Factor}), what the
 * service gives it ({@link dev.latchkey.auth.factor.FactorContext}), and the second step of a login ({@link
 * dev.latchkey.auth.factor.SecondSteps}, reached by {@code AuthService.secondSteps()}).
 */
package dev.latchkey.auth.factor;
