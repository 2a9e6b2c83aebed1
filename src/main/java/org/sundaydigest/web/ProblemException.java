package org.sundaydigest.web;

import java.util.List;

/** Ends a request with the given problem; thrown by resources and services, mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not found", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(Problem.invalid(List.of(new Problem.FieldError(field, message))));
    }
}
