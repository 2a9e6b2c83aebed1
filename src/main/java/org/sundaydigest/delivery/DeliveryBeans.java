package org.sundaydigest.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.sundaydigest.common.DigestConfig;

/** This instance's sending engine. */
@Singleton
class DeliveryBeans {

    @Produces
    @Singleton
    DeliveryEngine engine(ClaimStore claims, OutcomeStore outcomes, EnrolmentStore enrolments, IssueCopies copies,
            Transport transport, DeliveryMetrics metrics, Clock clock, DigestConfig config) {
        return new DeliveryEngine(instanceName(), new DeliveryStores(claims, outcomes, enrolments), copies, transport,
                metrics, clock, config.engine());
    }

    void stop(@Disposes DeliveryEngine engine) {
        engine.stop();
    }

    /** Names the instance in leases and in the deliveries it sent: host and process, plus a random part. */
    private static String instanceName() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        String name = runtime.length() > 60 ? runtime.substring(0, 60) : runtime;
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
