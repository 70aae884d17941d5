/** The implementation of {@code dev.latchkey.auth.code}. Not API: it may change in any release. */
package dev.latchkey.auth.code.internal;
