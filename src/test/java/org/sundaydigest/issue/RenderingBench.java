package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link RenderingJmh} with JMH and writes its figures to target/bench/render.md. */
class RenderingBench {

    @Test
    void renderingCostsArePrintedPerReaderAndPerChoiceOfSections() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(RenderingJmh.class.getName()).forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(2)).build()).run();
        StringBuilder table = new StringBuilder("| benchmark | µs per operation | error (99.9 %) |\n|---|---:|---:|\n");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            table.append(String.format("| %s | %.2f | ± %.2f |%n", name.substring(name.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
        }
        Path out = Path.of("target", "bench", "render.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println(table);
        assertThat(results).hasSize(3);
    }
}
