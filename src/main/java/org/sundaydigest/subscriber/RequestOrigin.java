package org.sundaydigest.subscriber;

import org.sundaydigest.common.Text;

import io.vertx.core.http.HttpServerRequest;

/** Where a reader's request came from, as recorded in the proof of consent. */
record RequestOrigin(Channel channel, String ip, String userAgent) {

    RequestOrigin {
        ip = Text.cut(ip, 64);
        userAgent = Text.cut(userAgent, 500);
    }

    static RequestOrigin of(HttpServerRequest request, Channel channel) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new RequestOrigin(channel, ip, request.getHeader("User-Agent"));
    }
}
