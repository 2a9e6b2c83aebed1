package org.sundaydigest.subscriber;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.sundaydigest.common.EmailAddress;

/** A sign-up, from the form or from {@code POST /api/subscriptions}. */
public record SubscriptionRequest(@EmailAddress String email,
        @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain line breaks or control characters") String name,
        @Size(max = 20) List<@NotBlank @KnownSection String> sections) {

    public SubscriptionRequest {
        email = email == null ? null : email.trim();
        name = name == null || name.isBlank() ? null : name.trim();
        sections = sections == null ? List.of() : List.copyOf(sections);
    }
}
