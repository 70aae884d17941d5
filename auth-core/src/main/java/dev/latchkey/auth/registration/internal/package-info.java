/** The implementation of {@code dev.latchkey.auth.registration}. Not API: it may change in any release. */
package dev.latchkey.auth.registration.internal;
