package dev.latchkey.auth.sample;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.example.ExampleHost;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The running sample: its Spring context, as an {@link ExampleHost}. */
public final class SampleHost implements ExampleHost {
    private final ConfigurableApplicationContext context;

    SampleHost(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public AuthService authService() {
        return context.getBean(AuthService.class);
    }

    @Override
    public JdbcAuditLog auditLog() {
        return context.getBean(JdbcAuditLog.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
