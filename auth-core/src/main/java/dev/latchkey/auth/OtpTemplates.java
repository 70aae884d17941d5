package dev.latchkey.auth;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The texts of code messages: for each {@link OtpPurpose} an email subject, plain-text body and HTML body, and one
 * short SMS line.
 *
 * <p>Templates may use {@code {app}} (the {@link AuthConfig#appName()}), {@code {code}} and {@code {minutes}} (the
 * code's lifetime). In HTML, {@code {app}} is escaped. Start from {@link #defaults()} and replace what you need with
 * {@link #toBuilder()}.
 */
public final class OtpTemplates {
    /** One purpose's texts. */
    public record Template(String subject, String text, String html, String sms) {
        /** Checks that no part is missing. */
        public Template {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(sms, "sms");
        }
    }

    private static final OtpTemplates DEFAULTS = defaultTemplates();

    private final Map<OtpPurpose, Template> templates;

    private OtpTemplates(Map<OtpPurpose, Template> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** Short English texts for every purpose. */
    public static OtpTemplates defaults() {
        return DEFAULTS;
    }

    /** A builder starting from these templates. */
    public Builder toBuilder() {
        return new Builder(new EnumMap<>(templates));
    }

    /** The template of a purpose. */
    public Template template(OtpPurpose purpose) {
        return templates.get(Objects.requireNonNull(purpose, "purpose"));
    }

    /** Renders the message for a purpose and channel; {@code code} and {@code validFor} are null for notices. */
    public OtpMessage render(OtpPurpose purpose, Contact.Kind channel, String destination, String appName, String code,
                      Duration validFor) {
        Template t = template(purpose);
        String minutes = validFor == null ? "" : Long.toString(Math.max(1, validFor.toMinutes()));
        String c = code == null ? "" : code;
        OtpMessage.Builder b = OtpMessage.newBuilder().to(channel, destination).purpose(purpose);
        if (code != null) {
            b.code(code, validFor);
        }
        if (channel == Contact.Kind.PHONE) {
            return b.text(fill(t.sms(), appName, c, minutes)).build();
        }
        return b.subject(fill(t.subject(), appName, c, minutes))
                .text(fill(t.text(), appName, c, minutes))
                .html(fill(t.html(), escapeHtml(appName), c, minutes))
                .build();
    }

    private static String fill(String template, String app, String code, String minutes) {
        return template.replace("{app}", app).replace("{code}", code).replace("{minutes}", minutes);
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static OtpTemplates defaultTemplates() {
        Map<OtpPurpose, Template> m = new EnumMap<>(OtpPurpose.class);
        m.put(OtpPurpose.LOGIN, codeTemplate("Your {app} login code", "log in to {app}"));
        m.put(OtpPurpose.VERIFY_EMAIL, codeTemplate("Verify your email for {app}", "verify your email for {app}"));
        m.put(OtpPurpose.VERIFY_PHONE, codeTemplate("Verify your phone for {app}", "verify your phone for {app}"));
        m.put(OtpPurpose.RESET_PASSWORD, codeTemplate("Reset your {app} password", "reset your {app} password"));
        m.put(OtpPurpose.CHANGE_EMAIL, codeTemplate("Confirm your new email for {app}", "confirm your new email for {app}"));
        m.put(OtpPurpose.CHANGE_PHONE, codeTemplate("Confirm your new phone for {app}", "confirm your new phone for {app}"));
        m.put(OtpPurpose.CONTACT_CHANGED_NOTICE, new Template(
                "Your {app} contact details changed",
                "The email address or phone number of your {app} account was just changed. If this was not you, "
                        + "reset your password and contact support.",
                "<p>The email address or phone number of your <b>{app}</b> account was just changed.</p>"
                        + "<p>If this was not you, reset your password and contact support.</p>",
                "{app}: your account's contact details were changed. Not you? Reset your password."));
        m.put(OtpPurpose.ACCOUNT_EXISTS_NOTICE, new Template(
                "You already have a {app} account",
                "Someone (perhaps you) tried to create a {app} account with this address, which already has one. "
                        + "Log in instead, or reset your password if you forgot it. If it was not you, ignore this message.",
                "<p>Someone (perhaps you) tried to create a <b>{app}</b> account with this address, which already has "
                        + "one.</p><p>Log in instead, or reset your password if you forgot it. If it was not you, ignore "
                        + "this message.</p>",
                "{app}: this number already has an account. Log in, or reset your password."));
        m.put(OtpPurpose.SECOND_FACTOR, codeTemplate("Your {app} sign-in code", "finish signing in to {app}"));
        m.put(OtpPurpose.RECOVERY_CODE_USED_NOTICE, notice("A recovery code of your {app} account was used",
                "A recovery code of your {app} account was just used to sign in.",
                "{app}: a recovery code of your account was used."));
        m.put(OtpPurpose.SECOND_FACTORS_RESET_NOTICE, notice("Your {app} second factors were reset",
                "An administrator just removed the second factors (authenticator app, recovery codes) of your {app} "
                        + "account.",
                "{app}: an administrator reset your account's second factors."));
        return new OtpTemplates(m);
    }

    /** A notice: what happened, then what to do if it was not the owner. */
    private static Template notice(String subject, String what, String sms) {
        String advice = " If this was not you, reset your password and contact support.";
        return new Template(subject, what + advice, "<p>" + what.replace("{app}", "<b>{app}</b>") + "</p><p>"
                + advice.trim() + "</p>", sms + " Not you? Reset your password.");
    }

    private static Template codeTemplate(String subject, String action) {
        return new Template(subject,
                "Your code to " + action + " is {code}. It expires in {minutes} minutes. "
                        + "If you did not ask for it, ignore this message; never share the code.",
                "<p>Your code to " + action + " is</p><p style=\"font-size:24px;font-weight:bold;letter-spacing:4px\">"
                        + "{code}</p><p>It expires in {minutes} minutes. If you did not ask for it, ignore this message;"
                        + " never share the code.</p>",
                "{code} is your code to " + action + ". Expires in {minutes} min. Never share it.");
    }

    /** Builds {@link OtpTemplates}. */
    public static final class Builder {
        private final Map<OtpPurpose, Template> templates;

        private Builder(Map<OtpPurpose, Template> templates) {
            this.templates = templates;
        }

        /** Replaces one purpose's texts. Code templates must contain {@code {code}} in every part but the subject. */
        public Builder template(OtpPurpose purpose, Template template) {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(template, "template");
            if (purpose.carriesCode()
                    && !(template.text().contains("{code}") && template.html().contains("{code}")
                    && template.sms().contains("{code}"))) {
                throw new IllegalArgumentException("template for " + purpose + " must contain {code} in text, html and sms");
            }
            templates.put(purpose, template);
            return this;
        }

        /** The templates. */
        public OtpTemplates build() {
            return new OtpTemplates(templates);
        }
    }
}
