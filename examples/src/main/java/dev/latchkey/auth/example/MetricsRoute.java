package dev.latchkey.auth.example;

import dev.latchkey.auth.metrics.LatchkeyMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: {@code auth-metrics}' meters of the app's service (logins, codes, refreshes, throttle
 * refusals, hashing time) in Prometheus' text exposition format, for a Prometheus server to scrape. The meters hold
 * counts and times only: no user, address or destination.
 */
final class MetricsRoute {
    /** Prometheus' text format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LatchkeyMetrics metrics = LatchkeyMetrics.create();

    MetricsRoute() {
        metrics.bindTo(registry);
    }

    /** The listener and hashing timer to register with the service. */
    LatchkeyMetrics metrics() {
        return metrics;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
