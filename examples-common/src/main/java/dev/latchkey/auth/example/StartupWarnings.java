package dev.latchkey.auth.example;

import org.slf4j.Logger;

import java.util.Objects;

/**
 * What both example hosts log at start-up about settings fit only for development: the master key generated into the
 * data directory when {@code AUTH_MASTER_KEY} is unset, and the mock code delivery (boxed, so that it stands out of the
 * start-up log). One text, so that the Javalin example and the Spring sample say the same thing.
 */
public final class StartupWarnings {
    /** The first line of the mock delivery box, for tests and log searches. */
    public static final String MOCK_DELIVERY = "* MOCK CODE DELIVERY: email and SMS codes are NOT sent to anyone.";
    /** How the warning about a generated master key starts. */
    public static final String GENERATED_MASTER_KEY = "AUTH_MASTER_KEY is not set";

    private static final String RULE = "************************************************************************************";

    private StartupWarnings() {
    }

    /**
     * {@code AUTH_MASTER_KEY}, else the key generated once into the data directory, with a warning on {@code log}
     * that production must set {@code AUTH_MASTER_KEY} (the key itself is never logged).
     *
     * @throws StartupException naming {@code AUTH_DATA_DIR} when the key file cannot be written or read
     */
    public static byte[] masterKey(Settings settings, Logger log) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(log, "log");
        return settings.masterKey().orElseGet(() -> {
            byte[] key = MasterKeyFile.loadOrCreate(settings.dataDir());
            log.warn(GENERATED_MASTER_KEY + ": using the key generated in {}. Production must set AUTH_MASTER_KEY "
                    + "(base64 of at least 32 random bytes), the same on every instance.",
                    settings.dataDir().resolve(MasterKeyFile.FILE_NAME));
            return key;
        });
    }

    /**
     * Logs how codes are delivered ({@link CodeDelivery#describe}) and, while they go to the in-memory mock, the boxed
     * warning that they reach no one, saying whether {@code GET /dev/outbox} shows them ({@code outboxServed}).
     */
    public static void delivery(Settings settings, boolean outboxServed, Logger log) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(log, "log");
        log.info(CodeDelivery.describe(settings));
        if (settings.smtp().isPresent() || settings.twilio().isPresent()) {
            return;
        }
        log.warn("");
        log.warn(RULE);
        log.warn(MOCK_DELIVERY);
        log.warn(outboxServed ? "* They are kept in memory and anyone who reaches {} can read them at GET /dev/outbox."
                : "* They are kept in memory, and /dev/outbox is off: {} is not loopback (AUTH_DEV_OUTBOX=true "
                + "serves it).", settings.host());
        log.warn("* For local development only. Set AUTH_SMTP_* and AUTH_TWILIO_* for real delivery.");
        log.warn(RULE);
    }
}
