package dev.latchkey.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** One client, one per-address budget, however its address is written (hardening item 9). */
class ClientInfoTest {
    private static String key(String address) {
        return ClientInfo.of(address, "ua").address().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1", "::FFFF:7f00:1",
            "0:0:0:0:0:ffff:127.0.0.1", " 127.0.0.1 "})
    void everySpellingOfLoopback_isOneKey(String address) {
        assertThat(key(address)).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv4MappedIpv6_keysAsTheIpv4AddressItCarries() {
        assertThat(key("::ffff:192.0.2.33")).isEqualTo("192.0.2.33");
        assertThat(key("::ffff:c000:221")).isEqualTo("192.0.2.33");
    }

    @Test
    void nat64Address_keysAsTheIpv4AddressItCarries() {
        assertThat(key("64:ff9b::192.0.2.33")).isEqualTo("192.0.2.33");
        assertThat(key("64:ff9b::c000:221")).isEqualTo("192.0.2.33");
    }

    @Test
    void ipv6AddressesOfOneSlash64_shareOneKey() {
        assertThat(key("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("[2001:db8:1:2::99]")).isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void neighbouringSlash64s_keepTheirOwnKeys() {
        assertThat(key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(key("2001:db8:1:2::1")).isNotEqualTo(key("2001:db8:1:3::1"));
    }

    @Test
    void slash64Keys_areInRfc5952Form() {
        assertThat(key("2001:db8:0:0:1::1")).isEqualTo("2001:db8::/64");
        assertThat(key("2001:0:0:1::1")).isEqualTo("2001:0:0:1::/64");
        assertThat(key("fe80::1%eth0")).isEqualTo("fe80::/64");
        assertThat(key("2001:db8:1:2:3:4:192.0.2.1")).isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void ipv4_withLeadingZeros_isOneKeyWithItsPlainSpelling() {
        assertThat(key("192.000.002.033")).isEqualTo("192.0.2.33");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1..2.3", "1.2.3.4.",
            "1::2::3", ":::", "1:2:3:4:5:6:7:8:9", "12345::1", "::g", "1:2:3:4:5:6:7::8", ":1::", "1::2:",
            "1.2.3.4::", "unknown", "\uff11.2.3.4", "::\uff11"})
    void textThatIsNotAnIpLiteral_isItsOwnKey_withoutAnyLookup(String address) {
        // "localhost" stays "localhost": a resolver would have turned it into 127.0.0.1.
        assertThat(key(address)).isEqualTo(address);
    }

    @Test
    void originalAddress_isKeptAsTheHostGaveIt() {
        ClientInfo client = ClientInfo.of(" 2001:db8:1:2::7 ", "ua");

        assertThat(client.originalAddress()).contains("2001:db8:1:2::7");
        assertThat(client.address()).contains("2001:db8:1:2::/64");
    }

    @Test
    void unknownAndBlankAddresses_haveNoKey() {
        assertThat(ClientInfo.unknown().address()).isEmpty();
        assertThat(ClientInfo.of(" ", "ua").address()).isEmpty();
        assertThat(ClientInfo.of(null, "ua").originalAddress()).isEmpty();
    }
}
