package org.sundaydigest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The container files against the packaged application. {@code docker build} cannot run where the tests run, so this
 * reads {@code src/main/docker/Dockerfile.jvm} and checks every path it copies against the layout the build made, the
 * H2 build's and the PostgreSQL build's, and that the image, {@code .dockerignore} and {@code compose.yaml} keep what
 * docs/operations.md says of them: a user other than root, the public and the management port, the H2 file in a volume.
 */
class ContainerFilesIT {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final String APP_DIR = "${APP_DIR}";
    private static final Path H2_BUILD = PackagedApp.JAR.getParent();
    private static final String POSTGRES_JAR = System.getProperty("postgres.jar", "target/postgres/quarkus-run.jar");
    private static final Path POSTGRES_BUILD = Path.of(POSTGRES_JAR).getParent();

    @Test
    void everyPathTheDockerfileCopiesExistsInTheBuiltApplication() throws IOException {
        List<Instruction> dockerfile = instructions();
        Path appDirDefault = Path.of(argumentDefault(dockerfile, "APP_DIR"));

        assertThat(appDirDefault.toAbsolutePath().normalize()).as("the default of ARG APP_DIR")
                .isEqualTo(H2_BUILD.toAbsolutePath().normalize());
        assertThat(copied(dockerfile)).as("what the Dockerfile copies").isNotEmpty()
                .allMatch(source -> source.startsWith(APP_DIR + "/"), "comes from " + APP_DIR);
        assertThat(missing(dockerfile, H2_BUILD)).as("paths the Dockerfile copies, missing from %s", H2_BUILD)
                .isEmpty();
    }

    @Test
    void thePostgresqlBuildHasEveryPathTheDockerfileCopies() throws IOException {
        PackagedApp.assumePostgresBuild();

        assertThat(missing(instructions(), POSTGRES_BUILD))
                .as("paths the Dockerfile copies, missing from %s", POSTGRES_BUILD).isEmpty();
    }

    @Test
    void theImageRunsAsAUserOtherThanRoot() throws IOException {
        List<String> users = arguments(instructions(), "USER");

        assertThat(users).as("USER instructions").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as("the user the application runs as").isNotIn("0", "root");
    }

    @Test
    void theImageExposesThePublicAndTheManagementPortAndKeepsTheH2FileInAVolume() throws IOException {
        List<Instruction> dockerfile = instructions();
        List<String> ports = words(dockerfile, "EXPOSE").stream().map(port -> port.replace("/tcp", "")).toList();
        List<String> workdirs = arguments(dockerfile, "WORKDIR");

        assertThat(ports).as("exposed ports").contains("8080", "9000");
        assertThat(workdirs).as("WORKDIR instructions").isNotEmpty();
        Path data = Path.of(workdirs.get(workdirs.size() - 1)).resolve("data");
        assertThat(words(dockerfile, "VOLUME")).as("volumes").contains(data.toString(), "/deployments/data");
    }

    @Test
    void theBuildContextKeepsBothBuildsAndNothingElse() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        String appDirDefault = argumentDefault(instructions(), "APP_DIR");

        assertThat(ignored).as(".dockerignore").startsWith("*").contains("!" + appDirDefault + "/*",
                "!target/postgres/*");
    }

    @Test
    void composeBuildsThePostgresqlImageAndPublishesTheManagementPortToThisMachineOnly() throws IOException {
        String compose = Files.readString(Path.of("compose.yaml"));

        assertThat(compose).contains("dockerfile: " + DOCKERFILE).contains("APP_DIR: target/postgres")
                .contains("\"127.0.0.1:9000:9000\"").doesNotContain("\"9000:9000\"");
    }

    /** One instruction of the Dockerfile: its keyword in upper case and its arguments, continued lines joined. */
    private record Instruction(String keyword, String arguments) {

        /** The arguments one by one, in the shell form or the JSON form. */
        List<String> words() {
            return List.of(arguments.replaceAll("[\\[\\],\"]", " ").strip().split("\\s+"));
        }
    }

    private static List<Instruction> instructions() throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder instruction = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.endsWith("\\")) {
                instruction.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            String[] parts = instruction.append(text).toString().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            instruction.setLength(0);
        }
        return instructions;
    }

    private static List<String> arguments(List<Instruction> dockerfile, String keyword) {
        return dockerfile.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    private static List<String> words(List<Instruction> dockerfile, String keyword) {
        return dockerfile.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .flatMap(instruction -> instruction.words().stream()).toList();
    }

    private static String argumentDefault(List<Instruction> dockerfile, String name) {
        String prefix = name + "=";
        return arguments(dockerfile, "ARG").stream().filter(argument -> argument.startsWith(prefix))
                .map(argument -> argument.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no ARG " + name + " with a default in " + DOCKERFILE));
    }

    /** The sources of every COPY from the build context (not from another stage), as written. */
    private static List<String> copied(List<Instruction> dockerfile) {
        List<String> sources = new ArrayList<>();
        for (Instruction copy : dockerfile.stream().filter(i -> i.keyword().equals("COPY")).toList()) {
            List<String> words = copy.words();
            if (words.stream().noneMatch(word -> word.startsWith("--from"))) {
                List<String> paths = words.stream().filter(word -> !word.startsWith("--")).toList();
                sources.addAll(paths.subList(0, paths.size() - 1));
            }
        }
        return sources;
    }

    /** The sources under {@code ${APP_DIR}} that the given build lacks. */
    private static List<String> missing(List<Instruction> dockerfile, Path build) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String source : copied(dockerfile)) {
            if (source.startsWith(APP_DIR + "/") && !exists(build, source.substring(APP_DIR.length() + 1))) {
                missing.add(source);
            }
        }
        return missing;
    }

    /** Whether the path exists in the build; a last part with a wildcard, as in {@code *.jar}, must match a file. */
    private static boolean exists(Path build, String relative) throws IOException {
        Path path = build.resolve(relative);
        String name = path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            return Files.exists(path);
        }
        PathMatcher matcher = path.getFileSystem().getPathMatcher("glob:" + name);
        if (!Files.isDirectory(path.getParent())) {
            return false;
        }
        try (Stream<Path> files = Files.list(path.getParent())) {
            return files.anyMatch(file -> matcher.matches(file.getFileName()));
        }
    }
}
