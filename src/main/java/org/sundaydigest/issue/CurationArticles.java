package org.sundaydigest.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.sundaydigest.article.Article;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** A curation may name only articles that exist: a 400 names each unknown id by its place in the list. */
final class CurationArticles {

    private CurationArticles() {
    }

    static void require(String field, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> known = QuarkusTransaction.requiringNew().call(
                () -> Article.<Article> list("id in ?1", ids).stream().map(a -> a.id).collect(Collectors.toSet()));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "no article has the id " + ids.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }
}
