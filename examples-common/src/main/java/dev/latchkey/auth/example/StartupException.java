package dev.latchkey.auth.example;

/**
 * A setting or a start-up step that stops the application, with a one-line message that names the setting.
 *
 * <p>The message never contains a secret's value. {@link ExampleApp#main} prints it without a stack trace.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which starts with the environment variable at fault. */
    public StartupException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, keeping the lower-level cause for debugging. */
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
