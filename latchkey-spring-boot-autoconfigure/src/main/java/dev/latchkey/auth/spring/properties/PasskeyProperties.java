package dev.latchkey.auth.spring.properties;

import java.util.ArrayList;
import java.util.List;

/** The relying party of passkeys ({@code latchkey.passkeys.*}), used when the web API offers them. */
public class PasskeyProperties {
    /** The domain passkeys are scoped to, without scheme or port, e.g. example.com. */
    private String rpId = "localhost";
    /** The name authenticators show; defaults to the application's name. */
    private String rpName;
    /** The origins ceremonies may come from; defaults to https://RP-ID (http://localhost for localhost). */
    private List<String> origins = new ArrayList<>();

    public String getRpId() {
        return rpId;
    }

    public void setRpId(String rpId) {
        this.rpId = rpId;
    }

    public String getRpName() {
        return rpName;
    }

    public void setRpName(String rpName) {
        this.rpName = rpName;
    }

    public List<String> getOrigins() {
        return origins;
    }

    public void setOrigins(List<String> origins) {
        this.origins = origins;
    }
}
