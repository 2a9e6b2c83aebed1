package org.sundaydigest.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns every failure of a JSON request into an RFC 9457 problem: a clear message, the failing fields, no trace. */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).collect(Collectors.toList());
        return respond(Problem.invalid(errors));
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonParseException e) {
        return respond(Problem.of(400, "Malformed JSON", "The request body is not valid JSON: " + e.getOriginalMessage()
                + " at line " + e.getLocation().getLineNr() + "."));
    }

    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e) {
        return wrongJson(e);
    }

    @ServerExceptionMapper
    Response badJsonMapping(JsonMappingException e) {
        return wrongJson(e);
    }

    @ServerExceptionMapper
    Response otherJson(JsonProcessingException e) {
        return respond(Problem.of(400, "Malformed JSON", "The request body could not be read as JSON."));
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() < 500 && e.getCause() instanceof JsonProcessingException json) {
            return otherJson(json);
        }
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(),
                status.getStatusCode() < 500 ? e.getMessage() : "The server could not answer this request."));
    }

    @ServerExceptionMapper
    Response unexpected(Exception e) {
        LOG.error("Unexpected failure while answering a request", e);
        return respond(Problem.of(500, "Internal error", "The server could not answer this request."));
    }

    private static Response wrongJson(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return respond(Problem.of(400, "Malformed JSON", "The request body does not have the expected shape."));
        }
        return respond(Problem.invalid(List.of(new Problem.FieldError(field, "has the wrong type or format"))));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * {@code subscribe.request.sections[1]} reads better to a client as {@code sections[1]}; a constraint on a query
     * parameter itself ({@code list.size}) is named after the parameter.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
            case PARAMETER -> parameter = node.getName();
            case CONTAINER_ELEMENT -> {
                if (node.getIndex() != null && !parts.isEmpty()) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
                }
            }
            case PROPERTY, BEAN -> {
                if (node.getName() != null) {
                    parts.add(node.getName());
                }
            }
            default -> {
            }
            }
        }
        if (!parts.isEmpty()) {
            return String.join(".", parts);
        }
        return parameter != null ? parameter : "body";
    }
}
