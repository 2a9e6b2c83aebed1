package org.sundaydigest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Wires the mailer to a {@link ScriptedSmtp}; inject it into a test with {@code @InjectMailbox ScriptedSmtp smtp}. */
public class ScriptedSmtpResource implements QuarkusTestResourceLifecycleManager {

    private ScriptedSmtp smtp;

    @Override
    public Map<String, String> start() {
        try {
            smtp = new ScriptedSmtp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port",
                String.valueOf(smtp.port()), "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp,
                new TestInjector.AnnotatedAndMatchesType(InjectMailbox.class, ScriptedSmtp.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            try {
                smtp.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
