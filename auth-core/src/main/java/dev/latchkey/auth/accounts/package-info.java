/**
 * Accounts: direct registration by the host, lookup, profile fields, roles, enabling and deletion ({@link
 * dev.latchkey.auth.accounts.Accounts}, reached by {@code AuthService.accounts()}), and what new accounts get
 * ({@link dev.latchkey.auth.accounts.AccountConfig}).
 */
package dev.latchkey.auth.accounts;
