package dev.latchkey.auth.otp.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioReplyTest {
    private static TwilioReply parse(String body) {
        return TwilioReply.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_readsErrorCode() {
        TwilioReply reply = parse("{\"code\": 21211, \"message\": \"The 'To' number +1555 is not valid\", "
                + "\"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}");

        assertThat(reply.errorCode()).contains(21211L);
        assertThat(reply.failureReason(400)).isEqualTo("invalid_destination");
    }

    @Test
    void parse_readsOnlySafeSids() {
        assertThat(parse("{\"sid\": \"SM0123abc\"}").sid()).contains("SM0123abc");
        assertThat(parse("{\"sid\": \"SM0123\\nINJECTED\"}").sid()).isEmpty();
    }

    @Test
    void parse_ofGarbage_isEmpty() {
        assertThat(parse("<html>").errorCode()).isEmpty();
        assertThat(parse("[1, 2]").errorCode()).isEmpty();
        assertThat(TwilioReply.parse(new byte[0]).errorCode()).isEmpty();
        assertThat(TwilioReply.parse(null).sid()).isEmpty();
    }

    @Test
    void failureReason_mapsAuthAndEverythingElse() {
        assertThat(parse("{\"code\": 20003}").failureReason(401)).isEqualTo("credentials_rejected");
        assertThat(parse("{\"code\": 20003}").failureReason(403)).isEqualTo("credentials_rejected");
        assertThat(parse("").failureReason(401)).isEqualTo("credentials_rejected");
        assertThat(parse("{\"code\": 21614}").failureReason(400)).isEqualTo("invalid_destination");
        assertThat(parse("{\"code\": 21408}").failureReason(400)).isEqualTo("rejected");
        assertThat(parse("").failureReason(404)).isEqualTo("rejected");
    }
}
