/** The implementation of {@code dev.latchkey.auth.contact}. Not API: it may change in any release. */
package dev.latchkey.auth.contact.internal;
