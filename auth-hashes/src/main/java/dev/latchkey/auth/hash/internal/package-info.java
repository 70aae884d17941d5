/** Not API: the formats' parsing and the Bouncy Castle calls behind them. */
package dev.latchkey.auth.hash.internal;
