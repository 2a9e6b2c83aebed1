package org.sundaydigest.common;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;

/** Values every page and email template may use without being handed them. */
@TemplateGlobal
public class PageGlobals {

    private PageGlobals() {
    }

    public static String publication() {
        return Arc.container().instance(DigestConfig.class).get().publicationName();
    }
}
