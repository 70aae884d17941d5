/**
 * Every Latchkey store in memory, behind {@link dev.latchkey.auth.testkit.memory.InMemoryAuthStores}: for tests and
 * single-process demos that need no database. The per-store classes are not API; reach them through
 * {@code InMemoryAuthStores}.
 */
package dev.latchkey.auth.testkit.memory;
