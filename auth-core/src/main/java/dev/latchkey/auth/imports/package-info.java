/**
 * Bringing existing users in: {@link dev.latchkey.auth.imports.UserImports} (reached by {@code AuthService.imports()})
 * streams {@link dev.latchkey.auth.imports.ImportedUser} records into the stores in batches, reporting each record's
 * {@link dev.latchkey.auth.imports.ImportOutcome}, and keeps their password hashes in their original formats until the
 * first login replaces them.
 */
package dev.latchkey.auth.imports;
