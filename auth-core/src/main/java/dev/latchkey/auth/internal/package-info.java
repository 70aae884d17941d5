/**
 * Latchkey's implementation details: password hashing and policy, token encoding, contact normalisation, keys.
 *
 * <p><strong>Not API.</strong> Anything here may change or disappear in any release; depend on
 * {@code dev.latchkey.auth} and {@code dev.latchkey.auth.store} only.
 */
package dev.latchkey.auth.internal;
