/**
 * Proving and changing an account's email and phone with codes ({@link dev.latchkey.auth.contact.Contacts},
 * reached by {@code AuthService.contacts()}).
 */
package dev.latchkey.auth.contact;
