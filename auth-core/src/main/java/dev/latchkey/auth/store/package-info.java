/**
 * The storage interfaces an {@link dev.latchkey.auth.AuthService} runs on, and the records they hold.
 *
 * <p>{@code auth-jdbc} implements them over any SQL database. A third-party implementation must honour every method's
 * contract, in particular the atomic ones ({@link dev.latchkey.auth.store.RefreshTokenStore#rotate}), and wrap its
 * own failures in {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE}.
 */
package dev.latchkey.auth.store;
