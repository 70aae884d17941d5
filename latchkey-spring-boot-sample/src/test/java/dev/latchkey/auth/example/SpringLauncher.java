package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.sample.SampleApplication;

import java.util.function.Consumer;

/** The end-to-end suite's host here: the Spring Boot sample ({@link SampleApplication}). */
public final class SpringLauncher implements ExampleHost.Launcher {
    @Override
    public ExampleHost start(Settings settings, Consumer<AuthConfig.Builder> configTweaks) {
        return SampleApplication.start(settings, configTweaks);
    }
}
