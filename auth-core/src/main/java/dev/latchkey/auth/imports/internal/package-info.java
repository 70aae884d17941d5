/** Not API: the import over the core's stores. */
package dev.latchkey.auth.imports.internal;
