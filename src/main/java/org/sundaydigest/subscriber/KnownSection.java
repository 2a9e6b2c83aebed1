package org.sundaydigest.subscriber;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.sundaydigest.common.DigestConfig;

/** One of the sections configured in {@code digest.sections}, in any letter case. */
@Constraint(validatedBy = KnownSection.Validator.class)
@Documented
@Retention(RUNTIME)
@Target(TYPE_USE)
@interface KnownSection {

    String message() default "must be one of the publication's sections";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @ApplicationScoped
    class Validator implements ConstraintValidator<KnownSection, String> {

        // A provider, because Hibernate Validator builds its validators before the configuration is ready.
        @Inject
        Provider<DigestConfig> config;

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || config.get().sections().stream().anyMatch(s -> s.equalsIgnoreCase(value.trim()));
        }
    }
}
