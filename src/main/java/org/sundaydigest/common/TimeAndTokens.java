package org.sundaydigest.common;

import java.security.SecureRandom;
import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The system clock and the secure token generator; tests replace either with their own bean. */
class TimeAndTokens {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @DefaultBean
    TokenGenerator tokenGenerator() {
        return TokenGenerator.secureRandom();
    }

    /** Random bytes for secrets that are not tokens (a second factor's key); tests may replace it. */
    @Produces
    @Singleton
    @DefaultBean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
