package dev.latchkey.auth.spring.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import java.time.Duration;

/**
 * Every Latchkey setting of a Spring Boot application, under {@code latchkey.*}. Three are required:
 * {@code latchkey.issuer}, {@code latchkey.audience} and {@code latchkey.master-key} (which Spring also reads from the
 * environment variable {@code LATCHKEY_MASTER_KEY}). Every other default is Latchkey's own, except the signing
 * algorithm (RS256 here). A bad value stops start-up with a message naming the property.
 */
@ConfigurationProperties(prefix = "latchkey")
public class LatchkeyProperties {
    /** The iss claim of every access token, e.g. https://auth.example.com; required. */
    private String issuer;
    /** The aud claim of every access token: the API the tokens are for; required. */
    private String audience;
    /** The client_id claim (RFC 9068); defaults to the audience. */
    private String clientId;
    /** The application's name in code messages and as a forbidden password word; defaults to the audience. */
    private String appName;
    /**
     * Base64 of at least 32 random bytes from which every secret is derived (token key, password pepper, code key,
     * key-encryption key); the same on every instance. Required; the environment variable LATCHKEY_MASTER_KEY sets it
     * too. Never put it in a file under version control.
     */
    private String masterKey;
    /** Tolerance for the times of access tokens, 0 to 60 seconds. */
    private Duration clockSkew = Duration.ofSeconds(60);

    @NestedConfigurationProperty
    private PasswordProperties passwords = new PasswordProperties();
    @NestedConfigurationProperty
    private LoginLimitProperties loginLimits = new LoginLimitProperties();
    @NestedConfigurationProperty
    private CodeProperties codes = new CodeProperties();
    @NestedConfigurationProperty
    private SessionProperties sessions = new SessionProperties();
    @NestedConfigurationProperty
    private SigningProperties signing = new SigningProperties();
    @NestedConfigurationProperty
    private AccountProperties accounts = new AccountProperties();
    @NestedConfigurationProperty
    private SecondFactorProperties secondFactors = new SecondFactorProperties();
    @NestedConfigurationProperty
    private DatabaseProperties database = new DatabaseProperties();
    @NestedConfigurationProperty
    private MigrationProperties migrations = new MigrationProperties();
    @NestedConfigurationProperty
    private DeliveryProperties delivery = new DeliveryProperties();
    @NestedConfigurationProperty
    private HousekeepingProperties housekeeping = new HousekeepingProperties();
    @NestedConfigurationProperty
    private SecurityProperties security = new SecurityProperties();
    @NestedConfigurationProperty
    private WebProperties web = new WebProperties();
    @NestedConfigurationProperty
    private PasskeyProperties passkeys = new PasskeyProperties();

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    public PasswordProperties getPasswords() {
        return passwords;
    }

    public void setPasswords(PasswordProperties passwords) {
        this.passwords = passwords;
    }

    public LoginLimitProperties getLoginLimits() {
        return loginLimits;
    }

    public void setLoginLimits(LoginLimitProperties loginLimits) {
        this.loginLimits = loginLimits;
    }

    public CodeProperties getCodes() {
        return codes;
    }

    public void setCodes(CodeProperties codes) {
        this.codes = codes;
    }

    public SessionProperties getSessions() {
        return sessions;
    }

    public void setSessions(SessionProperties sessions) {
        this.sessions = sessions;
    }

    public SigningProperties getSigning() {
        return signing;
    }

    public void setSigning(SigningProperties signing) {
        this.signing = signing;
    }

    public AccountProperties getAccounts() {
        return accounts;
    }

    public void setAccounts(AccountProperties accounts) {
        this.accounts = accounts;
    }

    public SecondFactorProperties getSecondFactors() {
        return secondFactors;
    }

    public void setSecondFactors(SecondFactorProperties secondFactors) {
        this.secondFactors = secondFactors;
    }

    public DatabaseProperties getDatabase() {
        return database;
    }

    public void setDatabase(DatabaseProperties database) {
        this.database = database;
    }

    public MigrationProperties getMigrations() {
        return migrations;
    }

    public void setMigrations(MigrationProperties migrations) {
        this.migrations = migrations;
    }

    public DeliveryProperties getDelivery() {
        return delivery;
    }

    public void setDelivery(DeliveryProperties delivery) {
        this.delivery = delivery;
    }

    public HousekeepingProperties getHousekeeping() {
        return housekeeping;
    }

    public void setHousekeeping(HousekeepingProperties housekeeping) {
        this.housekeeping = housekeeping;
    }

    public SecurityProperties getSecurity() {
        return security;
    }

    public void setSecurity(SecurityProperties security) {
        this.security = security;
    }

    public WebProperties getWeb() {
        return web;
    }

    public void setWeb(WebProperties web) {
        this.web = web;
    }

    public PasskeyProperties getPasskeys() {
        return passkeys;
    }

    public void setPasskeys(PasskeyProperties passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public String toString() {
        return "LatchkeyProperties[issuer=" + issuer + ", audience=" + audience + ", masterKey=****]";
    }
}
