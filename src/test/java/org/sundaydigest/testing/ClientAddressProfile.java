package org.sundaydigest.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Limits by client address turned on, with the test client taken for a trusted proxy, so that a test can speak from
 * several client addresses through {@code X-Forwarded-For}.
 */
public class ClientAddressProfile implements QuarkusTestProfile {

    public static final int SIGN_UPS_PER_ADDRESS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("digest.subscription.limit-per-ip", String.valueOf(SIGN_UPS_PER_ADDRESS),
                "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
}
