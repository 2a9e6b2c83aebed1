package org.sundaydigest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Feed URLs may not reach the service's own network. */
class AddressGuardTest {

    @Test
    void loopbackPrivateLinkLocalAndSharedAddressesAreInternal() throws Exception {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
                "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "2002:a00:1::1",
                "64:ff9b::a9fe:a9fe")) {
            assertThat(AddressGuard.isInternal(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void localUseNat64AndTeredoAddressesAreInternal() throws Exception {
        for (String address : List.of("64:ff9b:1::a00:1", "64:ff9b:1:ffff::1", "2001::1", "2001:0:4136:e378::1")) {
            assertThat(AddressGuard.isInternal(InetAddress.getByName(address))).as(address).isTrue();
        }
        assertThat(AddressGuard.isInternal(InetAddress.getByName("2001:db8::1"))).as("not Teredo").isFalse();
    }

    @Test
    void publicAddressesAreNotInternal() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                "::ffff:93.184.216.34")) {
            assertThat(AddressGuard.isInternal(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void aHostThatResolvesToAPrivateAddressIsRefusedAndSaysWhy() {
        AddressGuard guard = new AddressGuard(false, resolver(Map.of("intranet.example.org", "10.20.30.40")));

        assertThatThrownBy(() -> guard.check(URI.create("https://intranet.example.org/feed.xml")))
                .isInstanceOf(AddressGuard.Refused.class).hasMessageContaining("intranet.example.org resolves to "
                        + "10.20.30.40, a loopback or private address (set DIGEST_FEEDS_ALLOW_PRIVATE=true");
    }

    @Test
    void aHostWithOnePrivateAddressAmongPublicOnesIsRefused() {
        AddressGuard guard = new AddressGuard(false,
                host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")));

        assertThatThrownBy(() -> guard.check(URI.create("https://mixed.example.org/feed")))
                .isInstanceOf(AddressGuard.Refused.class);
    }

    @Test
    void literalAddressesAreCheckedToo() {
        AddressGuard guard = new AddressGuard(false);

        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:8080/feed")))
                .isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://[::1]/feed"))).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://localhost/feed")))
                .isInstanceOf(AddressGuard.Refused.class);
    }

    @Test
    void aPublicHostPasses() {
        AddressGuard guard = new AddressGuard(false, resolver(Map.of("news.example.org", "93.184.216.34")));

        assertThatCode(() -> guard.check(URI.create("https://news.example.org/rss"))).doesNotThrowAnyException();
    }

    @Test
    void privateAddressesPassWhenAllowedButOtherSchemesNever() {
        AddressGuard guard = new AddressGuard(true);

        assertThatCode(() -> guard.check(URI.create("http://127.0.0.1/feed"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"))).isInstanceOf(AddressGuard.Refused.class)
                .hasMessage("only http and https URLs can be fetched");
    }

    private static AddressGuard.Resolver resolver(Map<String, String> hosts) {
        return host -> {
            String address = hosts.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }
}
