/** The implementation of {@code dev.latchkey.auth.accounts}. Not API: it may change in any release. */
package dev.latchkey.auth.accounts.internal;
