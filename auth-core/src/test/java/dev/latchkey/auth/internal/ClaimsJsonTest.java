package dev.latchkey.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            " \t\r\n{ } \n",
            "{\"iss\":\"https://auth.example.com\",\"aud\":\"api\",\"exp\":1796130564,\"iat\":1796129664}",
            "{\"aud\":[\"a\",\"b\"],\"roles\":[],\"nested\":{\"x\":[1,2.5,-3,0,-0,1e3,1E-2,2.0]}}",
            "{\"t\":true,\"f\":false,\"n\":null}",
            "{\"esc\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC \\ud83d\\ude00\"}",
            "{\"utf8\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"}",
            "{\"big\":9223372036854775807,\"bigger\":9223372036854775808,\"small\":-9223372036854775808}",
            "{\"huge\":123456789012345678901234567890,\"frac\":0.1,\"exp\":5e-324}",
            "{ \"spaced\" : [ 1 , \"two\" , { } , [ ] ] }",
    })
    void parseObject_validJson_readsWhatNimbusReads(String json) throws Exception {
        assertThat(ClaimsJson.parseObject(json)).isEqualTo(JSONObjectUtils.parse(json));
    }

    @Test
    void parseObject_integers_areLongsAndOtherNumbersDoubles() {
        Map<String, Object> c = ClaimsJson.parseObject("{\"exp\":1796130564,\"f\":1.5,\"e\":1e2,\"x\":99999999999999999999}");

        assertThat(c.get("exp")).isEqualTo(1796130564L);
        assertThat(c.get("f")).isEqualTo(1.5d);
        assertThat(c.get("e")).isEqualTo(100.0d);
        assertThat(c.get("x")).isEqualTo(1e20d);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "[]", "\"s\"", "1", "null",
            "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}", "{a:1}", "{'a':1}",
            "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":[}",
            "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}",
            "{\"a\":\"unterminated}", "{\"a\":\"bad \\x escape\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
            "{\"a\":\"\\u00\uFF21\uFF21\"}", // fullwidth 'A's are not hex digits
            "{\"a\":\"raw \n newline\"}", "{\"a\":\"raw \u0000 nul\"}",
            "{\"exp\":1,\"exp\":2}", "{\"a\":{\"b\":1,\"b\":1}}",
    })
    void parseObject_invalidJson_isRejected(String json) {
        assertThatThrownBy(() -> ClaimsJson.parseObject(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseObject_nesting_isAllowedToTheLimitAndRejectedBeyond() {
        String atLimit = "{\"a\":".repeat(ClaimsJson.MAX_DEPTH - 1) + "{}" + "}".repeat(ClaimsJson.MAX_DEPTH - 1);
        String beyond = "{\"a\":" + atLimit + "}";
        String deepArrays = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(ClaimsJson.parseObject(atLimit)).containsKey("a");
        assertThatThrownBy(() -> ClaimsJson.parseObject(beyond)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimsJson.parseObject(deepArrays)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseObject_randomClaimSetsWrittenByNimbus_readBackEqual() throws Exception {
        // Test data, not a secret: a fixed seed makes a failure reproducible.
        Random random = new Random(20261201);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> claims = randomObject(random, 0);
            String json = JSONObjectUtils.toJSONString(claims);

            assertThat(ClaimsJson.parseObject(json)).as(json).isEqualTo(JSONObjectUtils.parse(json));
        }
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            object.put(randomString(random) + i, randomValue(random, depth + 1));
        }
        return object;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> randomString(random);
            case 1 -> random.nextLong();
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 3 -> random.nextBoolean();
            case 4 -> (long) random.nextInt(2_000_000_000);
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> randomObject(random, depth);
        };
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int pick = random.nextInt(10);
            if (pick < 6) {
                s.append((char) (' ' + random.nextInt(95)));
            } else if (pick < 7) {
                s.append((char) random.nextInt(0x20)); // control characters, escaped by the writer
            } else if (pick < 8) {
                s.append("\"\\/");
            } else if (pick < 9) {
                s.append((char) (0xa0 + random.nextInt(0x2000)));
            } else {
                s.appendCodePoint(0x1f600 + random.nextInt(50));
            }
        }
        return s.toString();
    }
}
