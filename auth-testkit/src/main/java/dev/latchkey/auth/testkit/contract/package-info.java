/**
 * Contract tests for every Latchkey store interface, written once and run against any implementation: subclass a
 * contract and implement {@link dev.latchkey.auth.testkit.contract.StoreContract#newStores()}.
 *
 * <p>{@code UserStoreContract}, {@code PendingContactsContract}, {@code RefreshTokenStoreContract},
 * {@code OtpCodeStoreContract}, {@code RateLimitStoreContract}, {@code RateLimitBatchContract}, {@code SigningKeyStoreContract},
 * {@code CredentialStoreContract} (with {@code CredentialScanContract}), {@code ChallengeStoreContract} and
 * {@code MasterKeyStoreContract} cover one store each;
 * {@code AuthStoresContract} and {@code FactorStoresContract} the rules across stores (account deletion, transactions);
 * {@code ConcurrencyContract} and {@code FactorConcurrencyContract} the atomic operations under contention, optionally
 * across two instances ({@link dev.latchkey.auth.testkit.contract.StoreContract#anotherInstance}). To run one contract
 * on several backends, annotate the subclass with JUnit's {@code @ParameterizedClass}; see the module's README.
 */
package dev.latchkey.auth.testkit.contract;
