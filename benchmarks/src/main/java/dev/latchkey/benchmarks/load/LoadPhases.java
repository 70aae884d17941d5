package dev.latchkey.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import static dev.latchkey.benchmarks.load.AppClient.quote;

/**
 * The flows the load benchmark drives, each as {@link LoadRunner.Clients}: a client's own session, account or
 * destinations are made before the phase (not measured), and its requests go round-robin over the instances.
 */
final class LoadPhases {
    /** The password of every account the login phase makes. */
    static final String PASSWORD = "load benchmark password, long enough";

    private final AppClient app;
    private final String run;
    private final AtomicLong sequence = new AtomicLong();

    /** Phases against {@code app}; {@code run} keeps this run's emails apart from earlier runs'. */
    LoadPhases(AppClient app, String run) {
        this.app = app;
        this.run = run;
    }

    /** A session by login code on {@code instance}: {access token, refresh token}. */
    String[] session(int instance) throws IOException, InterruptedException {
        String email = email("s");
        expect(app.post(instance, "/api/auth/otp/send", "{\"email\":" + quote(email) + "}"), 202, "otp/send");
        String code = app.code(instance, email);
        AppClient.Reply r = app.post(instance, "/api/auth/otp/verify", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(String.valueOf(code)) + "}");
        expect(r, 200, "otp/verify");
        return new String[] {r.string("access_token"), r.string("refresh_token")};
    }

    /** Rotating refresh chains: each client refreshes its own session again and again. */
    LoadRunner.Clients refresh() {
        return i -> {
            String[] tokens = session(i);
            AtomicLong n = new AtomicLong(i);
            return () -> {
                AppClient.Reply r = app.post((int) n.getAndIncrement(), "/api/auth/token/refresh",
                        "{\"refresh_token\":" + quote(tokens[1]) + "}");
                if (r.status() != 200 || r.string("refresh_token") == null) {
                    return false;
                }
                tokens[1] = r.string("refresh_token");
                return true;
            };
        };
    }

    /** {@code GET /api/profile} with each client's own access token (the example app checks it online). */
    LoadRunner.Clients profile() {
        return i -> {
            String access = session(i)[0];
            AtomicLong n = new AtomicLong(i);
            return () -> app.get((int) n.getAndIncrement(), "/api/profile", access).status() == 200;
        };
    }

    /** Password logins, each client to its own account, registered (and its email proved) first. */
    LoadRunner.Clients login() {
        return i -> {
            String email = email("p");
            expect(app.post(i, "/api/auth/register", "{\"email\":" + quote(email) + ",\"password\":"
                    + quote(PASSWORD) + "}"), 202, "register");
            String code = app.code(i, email);
            expect(app.post(i, "/api/auth/register/verify", "{\"email\":" + quote(email) + ",\"code\":"
                    + quote(String.valueOf(code)) + "}"), 200, "register/verify");
            String body = "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + "}";
            AtomicLong n = new AtomicLong(i);
            return () -> {
                AppClient.Reply r = app.post((int) n.getAndIncrement(), "/api/auth/login", body);
                return r.status() == 200 && r.string("access_token") != null;
            };
        };
    }

    /**
     * A login code sent on one instance to a new email and verified on the other, which creates the account: the
     * pair is one step (with the read of the sending instance's mock outbox between them, in memory).
     */
    LoadRunner.Clients codes() {
        return i -> {
            AtomicLong n = new AtomicLong(i);
            return () -> {
                int sender = (int) n.getAndIncrement();
                String email = email("c");
                if (app.post(sender, "/api/auth/otp/send", "{\"email\":" + quote(email) + "}").status() != 202) {
                    return false;
                }
                String code = app.code(sender, email);
                if (code == null) {
                    return false;
                }
                AppClient.Reply r = app.post(sender + 1, "/api/auth/otp/verify", "{\"email\":" + quote(email)
                        + ",\"code\":" + quote(code) + "}");
                return r.status() == 200 && r.string("access_token") != null;
            };
        };
    }

    private String email(String kind) {
        return kind + sequence.incrementAndGet() + "-" + run + "@load.example.com";
    }

    private static void expect(AppClient.Reply r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + " answered " + r.status() + " " + r.json().get("code"));
        }
    }
}
