package dev.latchkey.auth.metrics;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.password.PasswordHashTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Micrometer metrics of an {@link dev.latchkey.auth.AuthService}: an {@link AuthEventListener} that counts logins,
 * codes, refreshes and throttle refusals, and a {@link PasswordHashTimer} that times password hashing. Register it
 * with the service's builder as both, and bind it to a registry:
 *
 * <pre>{@code
 * LatchkeyMetrics metrics = LatchkeyMetrics.create();
 * metrics.bindTo(registry);
 * AuthService auth = AuthService.newBuilder(config, stores)
 *         .eventListener(metrics).eventListener(AuthEventListener.logging()).passwordHashTimer(metrics).build();
 * }</pre>
 *
 * <p>Meters (Micrometer names; Prometheus writes dots as underscores and adds {@code _total} or {@code _seconds}):
 * <ul>
 *   <li>{@value #LOGINS}, tag {@code outcome}: {@code succeeded}, {@code failed}, {@code throttled},
 *       {@code second_factor_required}, {@code second_factor_failed}</li>
 *   <li>{@value #CODES}, tags {@code channel} ({@code email}, {@code sms}) and {@code outcome} ({@code sent},
 *       {@code not_sent} for a request answered as if sent to an address that gets none, {@code delivery_failed})</li>
 *   <li>{@value #REFRESHES}, tag {@code outcome}: {@code refreshed}, {@code reuse_detected}</li>
 *   <li>{@value #THROTTLED}, tag {@code limit}: {@code login} (login attempt limits), {@code code} (code send or
 *       check limits), {@code lockout} (an account locked for untrusted clients)</li>
 *   <li>{@value #HASHING} (a timer), tags {@code algorithm} ({@code bcrypt}, {@code argon2id}...) and
 *       {@code operation} ({@code hash}, {@code verify})</li>
 * </ul>
 * Tags never hold a user, address or destination, so the number of series is fixed. It is a {@link MeterBinder}:
 * bound to several registries, it counts in each; events before the first binding are not counted. Thread-safe.
 */
public final class LatchkeyMetrics implements AuthEventListener, PasswordHashTimer, MeterBinder {
    /** Logins by outcome. */
    public static final String LOGINS = "latchkey.logins";
    /** One-time codes by channel and outcome. */
    public static final String CODES = "latchkey.codes";
    /** Refresh-token exchanges and reuse detections. */
    public static final String REFRESHES = "latchkey.refreshes";
    /** Requests refused by a limit. */
    public static final String THROTTLED = "latchkey.throttled";
    /** Password hashing time. */
    public static final String HASHING = "latchkey.password.hashing";

    private static final Map<AuthEventType, String> LOGIN_OUTCOMES = Map.of(
            AuthEventType.LOGIN_SUCCEEDED, "succeeded", AuthEventType.LOGIN_FAILED, "failed",
            AuthEventType.LOGIN_THROTTLED, "throttled",
            AuthEventType.SECOND_FACTOR_REQUIRED, "second_factor_required",
            AuthEventType.SECOND_FACTOR_FAILED, "second_factor_failed");
    private static final Map<AuthEventType, String> CODE_OUTCOMES = Map.of(AuthEventType.CODE_SENT, "sent",
            AuthEventType.CODE_NOT_SENT, "not_sent", AuthEventType.CODE_DELIVERY_FAILED, "delivery_failed");
    private static final Map<AuthEventType, String> REFRESH_OUTCOMES = Map.of(AuthEventType.TOKEN_REFRESHED,
            "refreshed", AuthEventType.REFRESH_REUSE_DETECTED, "reuse_detected");
    private static final Map<AuthEventType, String> LIMITS = Map.of(AuthEventType.LOGIN_THROTTLED, "login",
            AuthEventType.CODE_LOCKED, "code", AuthEventType.ACCOUNT_LOCKED, "lockout");

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private LatchkeyMetrics() {
    }

    /** Metrics bound to no registry yet. */
    public static LatchkeyMetrics create() {
        return new LatchkeyMetrics();
    }

    /**
     * Registers every meter that has a fixed set of tags in {@code registry} (at zero), and counts there from now on.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (registries.contains(registry)) {
            return;
        }
        LOGIN_OUTCOMES.values().forEach(o -> counter(registry, LOGINS, "Logins by outcome", "outcome", o));
        REFRESH_OUTCOMES.values().forEach(o -> counter(registry, REFRESHES, "Refresh-token exchanges by outcome",
                "outcome", o));
        LIMITS.values().forEach(l -> counter(registry, THROTTLED, "Requests refused by a limit", "limit", l));
        for (String channel : List.of("email", "sms")) {
            CODE_OUTCOMES.values().forEach(o -> codeCounter(registry, channel, o));
        }
        registries.add(registry);
    }

    @Override
    public void onEvent(AuthEvent event) {
        AuthEventType type = event.type();
        for (MeterRegistry registry : registries) {
            String login = LOGIN_OUTCOMES.get(type);
            if (login != null) {
                counter(registry, LOGINS, "Logins by outcome", "outcome", login).increment();
            }
            String code = CODE_OUTCOMES.get(type);
            if (code != null && event.destination() != null) {
                codeCounter(registry, event.destination().contains("@") ? "email" : "sms", code).increment();
            }
            String refresh = REFRESH_OUTCOMES.get(type);
            if (refresh != null) {
                counter(registry, REFRESHES, "Refresh-token exchanges by outcome", "outcome", refresh).increment();
            }
            String limit = LIMITS.get(type);
            if (limit != null) {
                counter(registry, THROTTLED, "Requests refused by a limit", "limit", limit).increment();
            }
        }
    }

    @Override
    public void record(String algorithm, String operation, Duration elapsed) {
        for (MeterRegistry registry : registries) {
            Timer.builder(HASHING).description("Password hashing time").tag("algorithm", algorithm)
                    .tag("operation", operation).register(registry).record(elapsed);
        }
    }

    private static Counter codeCounter(MeterRegistry registry, String channel, String outcome) {
        return Counter.builder(CODES).description("One-time codes by channel and outcome").tag("channel", channel)
                .tag("outcome", outcome).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String tag,
                                   String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    @Override
    public String toString() {
        return "LatchkeyMetrics[" + registries.size() + " registries]";
    }
}
