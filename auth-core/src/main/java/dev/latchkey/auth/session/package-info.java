/**
 * Sessions: refresh-token rotation, logout, logout everywhere, listing and revoking ({@link
 * dev.latchkey.auth.session.Sessions}, reached by {@code AuthService.sessions()}), and their lifetimes ({@link
 * dev.latchkey.auth.session.SessionConfig}).
 */
package dev.latchkey.auth.session;
