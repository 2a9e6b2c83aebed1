package org.sundaydigest.editor;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;

/**
 * Checks the second factor of a sign-in: a TOTP code whose time step is later than the last one accepted, or an unspent
 * recovery code. Each is spent by a conditional update, so that two sign-ins racing with one code let in one.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
class SecondFactors {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SecondFactors.class);

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    private final SecretBox box;

    SecondFactors(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey,
            SecureRandom random) {
        // Without a configured key (outside prod only) the secrets are good for this process alone.
        this.box = SecretBox.fromPassphrase(sessionKey.filter(k -> !k.isBlank()).orElseGet(() -> {
            byte[] key = new byte[32];
            random.nextBytes(key);
            return java.util.HexFormat.of().formatHex(key);
        }), random);
    }

    String seal(byte[] secret) {
        return box.seal(secret);
    }

    byte[] open(String sealed) {
        return box.open(sealed);
    }

    /** Whether the code (TOTP or recovery) is good for the account's second factor; spends it if so. */
    boolean accept(Editor editor, String typed, String client) {
        if (typed == null || typed.isBlank() || !editor.secondFactorOn()) {
            return false;
        }
        long editorId = editor.id;
        OptionalLong step = totpStep(editor, typed);
        if (step.isPresent()) {
            return Editor.spendStep(editorId, step.getAsLong());
        }
        boolean spent = EditorCredential.spendRecoveryCode(editorId, RecoveryCodes.hash(typed), clock.instant());
        if (spent) {
            audit.recordFor(editor.username, client, AuditAction.RECOVERY_CODE_USE, editor.username,
                    EditorCredential.unspentRecoveryCodes(editorId) + " recovery codes left");
        }
        return spent;
    }

    /**
     * The time step of a TOTP code, if it is one; none when the secret cannot be opened (the session key changed), so
     * that the account's recovery codes still let it in.
     */
    private OptionalLong totpStep(Editor editor, String typed) {
        try {
            return Totp.matchingStep(open(editor.totpSecret), typed, clock.instant(), editor.totpLastStep);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("The second-factor secret of '%s' cannot be read: was the session key changed? A recovery code"
                    + " still works; then turn the second factor off and on again.", editor.username);
            return OptionalLong.empty();
        }
    }
}
