package org.sundaydigest.audit;

import java.util.Arrays;
import java.util.Optional;

/** What an audit entry records; its {@link #code} is what is stored and shown. */
public enum AuditAction {
    ARTICLE_SAVE("article.save"), ARTICLE_DELETE("article.delete"), FEED_ADD("feed.add"), FEED_DELETE("feed.delete"),
    ISSUE_CURATE("issue.curate"), ISSUE_TEST("issue.test"), ISSUE_SEND("issue.send"), ISSUE_APPROVE("issue.approve"),
    ISSUE_RETRY("issue.retry"), SUBSCRIBER_ERASE("subscriber.erase"), SUBSCRIBERS_EXPORT("subscribers.export"),
    IMPORT_START("import.start"), IMPORT_RUN("import.run"), ACCOUNT_CREATE("account.create"),
    ACCOUNT_UPDATE("account.update"), ACCOUNT_DELETE("account.delete"), PASSWORD_CHANGE("account.password"),
    SECOND_FACTOR_ON("second-factor.on"), SECOND_FACTOR_OFF("second-factor.off"),
    RECOVERY_CODES_NEW("second-factor.recovery-codes"), RECOVERY_CODE_USE("second-factor.recovery-code-used"),
    API_TOKEN_CREATE("api-token.create"), API_TOKEN_REVOKE("api-token.revoke"), SIGN_IN("sign-in"),
    SIGN_IN_FAILED("sign-in.failed"), SIGN_OUT("sign-out");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Every action's code, in the order they are declared. */
    public static java.util.List<String> codes() {
        return Arrays.stream(values()).map(AuditAction::code).toList();
    }

    /** The action with this code. */
    public static Optional<AuditAction> ofCode(String code) {
        return Arrays.stream(values()).filter(action -> action.code.equals(code)).findFirst();
    }
}
