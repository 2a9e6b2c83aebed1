package org.sundaydigest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The rules of the house, held by the build: feature layers, thin web classes, small classes. */
class ArchitectureTest {

    private static final String ROOT = "org.sundaydigest";

    /**
     * Feature packages from the bottom up. A package may use those on its own level or below, never one above: the
     * lower ones declare ports (as the issue feature's {@code Sending}) that the higher ones implement.
     */
    private static final List<List<String>> LAYERS = List.of(List.of("common"),
            List.of("web", "mail", "attempt", "audit"), List.of("editor", "subscriber", "article"),
            List.of("feed", "imports"), List.of("issue"), List.of("delivery"), List.of("bounce"), List.of("desk"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noFeaturePackageUsesAHigherOne() {
        for (int level = 0; level < LAYERS.size(); level++) {
            String[] higher = LAYERS.subList(level + 1, LAYERS.size()).stream().flatMap(List::stream)
                    .map(name -> ROOT + "." + name + "..").toArray(String[]::new);
            if (higher.length == 0) {
                continue;
            }
            String[] here = LAYERS.get(level).stream().map(name -> ROOT + "." + name + "..").toArray(String[]::new);
            noClasses().that().resideInAnyPackage(here).should().dependOnClassesThat().resideInAnyPackage(higher)
                    .check(MAIN);
        }
    }

    @Test
    void everyClassBelongsToAFeaturePackage() {
        List<String> known = LAYERS.stream().flatMap(List::stream).toList();
        assertThat(MAIN.stream().map(c -> c.getPackageName().substring(ROOT.length()).replaceFirst("^\\.", ""))
                .map(name -> name.contains(".") ? name.substring(0, name.indexOf('.')) : name).distinct())
                        .as("packages under %s", ROOT).allMatch(known::contains);
    }

    @Test
    void resourcesAndPagesOpenNoTransactionAndUseNoEntityManager() {
        noClasses().that().areAnnotatedWith(jakarta.ws.rs.Path.class).should().dependOnClassesThat()
                .belongToAnyOf(QuarkusTransaction.class, EntityManager.class).check(MAIN);
    }

    @Test
    void noMainClassIsLongerThanTwoHundredAndFiftyLines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                long lines = Files.readAllLines(source).size();
                if (lines > 250) {
                    tooLong.add(source + " (" + lines + " lines)");
                }
            }
        }
        assertThat(tooLong).as("classes over 250 lines").isEmpty();
    }
}
