/** The implementation of {@code dev.latchkey.auth.token}. Not API: it may change in any release. */
package dev.latchkey.auth.token.internal;
