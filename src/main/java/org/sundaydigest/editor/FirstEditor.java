package org.sundaydigest.editor;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Roles;

import io.quarkus.runtime.StartupEvent;

/** Creates the first editor from DIGEST_ADMIN_USER and DIGEST_ADMIN_PASSWORD when there is none. */
@ApplicationScoped
class FirstEditor {

    private static final Logger LOG = Logger.getLogger(FirstEditor.class);

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Transactional
    void onStart(@Observes StartupEvent start) {
        if (Editor.count() > 0) {
            return;
        }
        var admin = config.admin();
        if (admin.user().isEmpty() || admin.password().isEmpty()) {
            throw new IllegalStateException("No editor account exists and DIGEST_ADMIN_USER and DIGEST_ADMIN_PASSWORD"
                    + " are not both set: set them to create the first editor account, then start again.");
        }
        Editor.create(admin.user().get(), admin.password().get(), Roles.ADMIN, clock.instant());
        PasswordRules.problem(admin.password().get(), admin.user().get())
                .ifPresent(problem -> LOG.warnf("The first account's password (DIGEST_ADMIN_PASSWORD) %s: change it on"
                        + " the desk's \"My account\" page.", problem));
        LOG.infof("Created the first account, an admin, '%s'", admin.user().get());
    }
}
