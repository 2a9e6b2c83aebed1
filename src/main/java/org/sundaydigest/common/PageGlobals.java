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

    /** The section whose newest article leads an issue that has no pinned lead. */
    public static String leadSection() {
        return Arc.container().instance(DigestConfig.class).get().leadSectionOrFirst();
    }

    /** The name inside a sentence, with "the" unless it has one already: "the Sunday Digest", "The Insider". */
    public static String thePublication() {
        return Text.withArticle(publication(), "the ");
    }

    /** The name at the start of a sentence: "The Sunday Digest", "The Insider". */
    public static String ThePublication() {
        return Text.withArticle(publication(), "The ");
    }

}
