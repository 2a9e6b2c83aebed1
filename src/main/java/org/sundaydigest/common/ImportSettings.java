package org.sundaydigest.common;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/** Imports of existing lists ({@code digest.imports.*}), part of {@link DigestConfig}. */
public interface ImportSettings {

    /**
     * Where uploaded files wait for their job; with several instances, a directory they share, so that another instance
     * can finish a job whose instance died.
     */
    @WithDefault("data/imports")
    String directory();

    /** Largest file an import takes; also the largest request the service reads at all (every other takes 1 MB). */
    @WithDefault("512M")
    MemorySize maxSize();

    /** Rows read, checked and written in one transaction; a restart goes on after the last one. */
    @WithDefault("500")
    int batchSize();

    /** How often an instance looks for import jobs to run or to take over. */
    @WithDefault("5s")
    String poll();

    /** How long an instance holds a job between two batches; another takes it over once this runs out. */
    @WithDefault("PT1M")
    Duration lease();
}
