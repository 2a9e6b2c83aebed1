package org.sundaydigest.editor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.TokenGenerator;
import org.sundaydigest.web.ProblemException;

/**
 * An account's own second factor and API tokens: turning TOTP on (a secret shown as a QR code, confirmed by a code made
 * from it) and off, new recovery codes, and tokens for HTTP Basic. Secrets are shown once and stored hashed or sealed;
 * a change of the second factor ends every session of the account.
 */
@ApplicationScoped
@Transactional
public class MyAccount {

    /** What "My account" shows. */
    public record Overview(String username, String role, boolean secondFactor, boolean secondFactorRequired,
            long recoveryCodesLeft, List<Token> tokens) {
    }

    public record Token(long id, String label, Instant createdAt, Instant lastUsedAt) {
    }

    /** A secret being turned on, to be scanned or typed into an authenticator app. */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
    }

    @Inject
    SecondFactors secondFactors;

    @Inject
    PasswordRecheck recheck;

    @Inject
    DeskSessions sessions;

    @Inject
    Audit audit;

    @Inject
    DigestConfig config;

    @Inject
    TokenGenerator tokens;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    public Overview overview(String username) {
        Editor editor = account(username);
        return new Overview(editor.username, editor.role, editor.secondFactorOn(), required(editor),
                EditorCredential.unspentRecoveryCodes(editor.id), EditorCredential.tokensOf(editor.id).stream()
                        .map(t -> new Token(t.id, t.label, t.createdAt, t.usedAt)).toList());
    }

    /** A new secret for the account, kept until a code made from it turns the second factor on. */
    public Enrolment beginSecondFactor(String username) {
        Editor editor = account(username);
        if (editor.secondFactorOn()) {
            throw ProblemException.conflict("The second factor is on already; turn it off first to change it.");
        }
        byte[] secret = Totp.newSecret(random);
        editor.beginSecondFactor(secondFactors.seal(secret));
        String uri = Totp.otpauthUri(config.publicationName(), editor.username, secret);
        return new Enrolment(Totp.grouped(Totp.base32(secret)), uri, QrSvg.of(uri));
    }

    /** Turns the second factor on with a code made from the new secret; returns the recovery codes, shown once. */
    public List<String> turnOnSecondFactor(String username, String code) {
        Editor editor = account(username);
        if (editor.secondFactorOn() || editor.totpSecret == null) {
            throw ProblemException.conflict("Start again: no second factor is being turned on.");
        }
        var step = Totp.matchingStep(secondFactors.open(editor.totpSecret), code == null ? "" : code, clock.instant(),
                0);
        if (step.isEmpty()) {
            throw ProblemException.invalidField("code",
                    "is not the code your app shows now; check the phone's clock and type the current code");
        }
        editor.turnOnSecondFactor(step.getAsLong(), clock.instant());
        List<String> codes = newRecoveryCodes(editor);
        // Tokens made with the password alone would outlive it: whoever made them may not be the one turning it on.
        long revoked = EditorCredential.deleteAll(editor.id, EditorCredential.Kind.API_TOKEN);
        sessions.endAllOf(editor.username);
        audit.record(AuditAction.SECOND_FACTOR_ON, editor.username,
                "TOTP; " + codes.size() + " recovery codes; " + revoked + " older API tokens revoked");
        return codes;
    }

    /** Turns the second factor off, with the account's password; every session ends. */
    public void turnOffSecondFactor(String username, String password) {
        // Where it is required, the account may then only turn it on again (a new phone, say).
        Editor editor = withPassword(username, password);
        editor.turnOffSecondFactor();
        EditorCredential.deleteAll(editor.id, EditorCredential.Kind.RECOVERY_CODE);
        sessions.endAllOf(editor.username);
        audit.record(AuditAction.SECOND_FACTOR_OFF, editor.username, "recovery codes deleted");
    }

    /** New recovery codes in place of the old ones, shown once. */
    public List<String> replaceRecoveryCodes(String username, String password) {
        Editor editor = withPassword(username, password);
        if (!editor.secondFactorOn()) {
            throw ProblemException.conflict("Turn the second factor on first.");
        }
        List<String> codes = newRecoveryCodes(editor);
        audit.record(AuditAction.RECOVERY_CODES_NEW, editor.username, codes.size() + " new recovery codes");
        return codes;
    }

    /** A new API token, shown once; asked with the password, so that a borrowed session cannot make one. */
    public String newApiToken(String username, String label, String password) {
        Editor editor = withPassword(username, password);
        if (required(editor) && !editor.secondFactorOn()) {
            throw ProblemException.conflict("Turn on a second factor first: this account's role requires one.");
        }
        String name = label == null || label.isBlank() ? "API token" : label.strip();
        if (name.length() > 100) {
            throw ProblemException.invalidField("label", "must be at most 100 characters");
        }
        String value = ApiTokens.newValue(tokens);
        EditorCredential.create(editor.id, EditorCredential.Kind.API_TOKEN, name,
                org.sundaydigest.common.Hashing.sha256Hex(value), clock.instant());
        audit.record(AuditAction.API_TOKEN_CREATE, editor.username, name);
        return value;
    }

    public void revokeApiToken(String username, long id) {
        Editor editor = account(username);
        EditorCredential token = EditorCredential.<EditorCredential> findByIdOptional(id)
                .filter(t -> t.editorId == editor.id && t.kind == EditorCredential.Kind.API_TOKEN)
                .orElseThrow(() -> ProblemException.notFound("This account has no such API token."));
        token.delete();
        audit.record(AuditAction.API_TOKEN_REVOKE, editor.username, token.label);
    }

    private List<String> newRecoveryCodes(Editor editor) {
        EditorCredential.deleteAll(editor.id, EditorCredential.Kind.RECOVERY_CODE);
        List<String> codes = RecoveryCodes.newCodes(random);
        codes.forEach(code -> EditorCredential.create(editor.id, EditorCredential.Kind.RECOVERY_CODE, null,
                RecoveryCodes.hash(code), clock.instant()));
        return codes;
    }

    private boolean required(Editor editor) {
        return editor.secondFactorRequired(config.accounts());
    }

    /** The account, once its password was typed again: the lasting credentials are not for a borrowed session. */
    private Editor withPassword(String username, String password) {
        Editor editor = account(username);
        recheck.require(editor, password, "password");
        return editor;
    }

    private static Editor account(String username) {
        return Editor.named(username);
    }
}
