/**
 * Latchkey's implementation details shared by every area: the core the areas are wired from, the end of a login,
 * the code engine, limits, events, password hashing and policy, token encoding, contact normalisation, keys.
 *
 * <p><strong>Not API.</strong> Anything here may change or disappear in any release; depend on
 * {@code dev.latchkey.auth}, its area packages and {@code dev.latchkey.auth.store} only.
 */
package dev.latchkey.auth.internal;
