package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthConfig;

import java.util.function.Consumer;

/** The end-to-end suite's host here: the Javalin example ({@link ExampleApp}). */
public final class JavalinLauncher implements ExampleHost.Launcher {
    @Override
    public ExampleHost start(Settings settings, Consumer<AuthConfig.Builder> configTweaks) {
        return ExampleApp.start(settings, configTweaks);
    }
}
