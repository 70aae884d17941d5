/** The implementation of {@code dev.latchkey.auth.session}. Not API: it may change in any release. */
package dev.latchkey.auth.session.internal;
