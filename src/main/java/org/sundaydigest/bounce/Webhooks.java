package org.sundaydigest.bounce;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.WebhookSettings;
import org.sundaydigest.feed.GuardedFetch;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The webhooks by which mail systems report bounces and complaints: each call is verified the way its sender signs it,
 * before anything in it is believed, and its reports are applied whole. A webhook that is not configured does not exist
 * ({@code 404}).
 */
@ApplicationScoped
class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);
    private static final int MAX_CERTIFICATES = 16;

    @Inject
    DigestConfig config;

    @Inject
    ReportEffects effects;

    @Inject
    GuardedFetch fetch;

    @Inject
    Clock clock;

    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
    private Pattern snsUrls;

    @PostConstruct
    void init() {
        snsUrls = Pattern.compile(settings().ses().snsUrls());
    }

    /** {@code POST /api/webhooks/bounces}; how many events the call carried. */
    int generic(byte[] body, String signature) {
        String secret = settings().secret().filter(s -> !s.isBlank()).orElseThrow(Webhooks::notConfigured);
        if (!GenericReports.signed(body, signature, secret)) {
            throw GenericReports.unsigned();
        }
        return apply(GenericReports.of(body, settings().maxEvents()));
    }

    /** Amazon SES, through SNS: notifications, and the confirmation of the subscription itself. */
    int ses(byte[] body) {
        List<String> topics = settings().ses().topicArns().orElseThrow(Webhooks::notConfigured);
        try {
            SnsMessages.SnsMessage message = SnsMessages.parse(body);
            if (!topics.contains(message.topicArn())) {
                throw new ProblemException(Problem.of(403, "Forbidden", "Notifications of this topic are not taken."));
            }
            if (!SnsMessages.fresh(message, clock.instant(), settings().ses().maxAge())) {
                throw refused("The message is too old or its time cannot be read.");
            }
            SnsMessages.verify(message, certificate(message.signingCertUrl()));
            return switch (message.type()) {
            case "SubscriptionConfirmation" -> confirm(message);
            case "Notification" -> apply(SesReports.of(message));
            default -> 0;
            };
        } catch (WebhookRefused e) {
            throw problem(e);
        }
    }

    int postmark(byte[] body, String authorization) {
        WebhookSettings.Postmark postmark = settings().postmark();
        if (postmark.user().isEmpty() || postmark.password().isEmpty()) {
            throw notConfigured();
        }
        if (!PostmarkReports.authorized(authorization, postmark.user().get(), postmark.password().get())) {
            throw refused("The Basic credentials are missing or wrong.");
        }
        try {
            return apply(PostmarkReports.of(body));
        } catch (WebhookRefused e) {
            throw problem(e);
        }
    }

    int mailgun(byte[] body) {
        String key = settings().mailgun().signingKey().orElseThrow(Webhooks::notConfigured);
        try {
            JsonNode root = MailgunReports.parse(body);
            MailgunReports.verify(root, key, clock.instant(), settings().replayWindow());
            List<Report> reports = MailgunReports.of(root);
            if (effects.apply(reports, true, MailgunReports.token(root)).replayed()) {
                throw refused("This call's token was used before.");
            }
            return reports.size();
        } catch (WebhookRefused e) {
            throw problem(e);
        }
    }

    int sendgrid(byte[] body, String signature, String timestamp) {
        String key = settings().sendgrid().publicKey().orElseThrow(Webhooks::notConfigured);
        try {
            SendGridReports.verify(body, signature, timestamp, key, clock.instant(), settings().replayWindow());
            return apply(SendGridReports.of(body));
        } catch (WebhookRefused e) {
            throw problem(e);
        }
    }

    private int apply(List<Report> reports) {
        // Only a caller who proved who they are may name a reader by address alone.
        effects.apply(reports, true);
        return reports.size();
    }

    /** Confirms the SNS subscription by visiting the URL SNS gave, once it is known to be SNS's own. */
    private int confirm(SnsMessages.SnsMessage message) throws WebhookRefused {
        if (!SnsMessages.trustedUrl(message.subscribeUrl(), snsUrls)) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The subscription URL is not an SNS one.");
        }
        try {
            fetch.get(java.net.URI.create(message.subscribeUrl()));
            LOG.infof("Confirmed the SNS subscription to %s", message.topicArn());
            return 0;
        } catch (GuardedFetch.Failed | IllegalArgumentException e) {
            throw new ProblemException(
                    Problem.of(502, "Bad Gateway", "The subscription could not be confirmed: " + e.getMessage()));
        }
    }

    /** The signing certificate at a URL that must be SNS's own; fetched once, then kept. */
    private X509Certificate certificate(String url) throws WebhookRefused {
        if (!SnsMessages.trustedUrl(url, snsUrls)) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The signing certificate is not SNS's.");
        }
        X509Certificate known = certificates.get(url);
        if (known != null) {
            return known;
        }
        try {
            X509Certificate fetched = SnsMessages.certificate(fetch.get(java.net.URI.create(url)));
            if (certificates.size() >= MAX_CERTIFICATES) {
                certificates.clear();
            }
            certificates.put(url, fetched);
            return fetched;
        } catch (GuardedFetch.Failed e) {
            LOG.warnf("Could not fetch the SNS signing certificate at %s: %s", url, e.getMessage());
            throw new ProblemException(Problem.of(502, "Bad Gateway", "The signing certificate could not be fetched."));
        }
    }

    private WebhookSettings settings() {
        return config.webhook();
    }

    private static ProblemException notConfigured() {
        return ProblemException.notFound("This webhook is not configured.");
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(Problem.of(401, "Unauthorized", detail));
    }

    private static ProblemException problem(WebhookRefused e) {
        return e.reason() == WebhookRefused.Reason.UNAUTHORIZED ? refused(e.getMessage())
                : new ProblemException(Problem.of(400, "Bad Request", e.getMessage()));
    }
}
