/** Not API: the key registry check at start-up, the reference counts and the rewrite. */
package dev.latchkey.auth.keys.internal;
