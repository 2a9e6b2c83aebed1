package org.sundaydigest.subscriber;

import io.vertx.core.http.HttpServerRequest;

/** Where a reader's request came from, as recorded in the proof of consent. */
record RequestOrigin(Channel channel, String ip, String userAgent) {

    RequestOrigin {
        ip = clip(ip, 64);
        userAgent = clip(userAgent, 500);
    }

    static RequestOrigin of(HttpServerRequest request, Channel channel) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new RequestOrigin(channel, ip, request.getHeader("User-Agent"));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
