package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaks the example job files at random (bit flips, deletions, duplications, deep nesting, control characters,
 * truncation, stray tokens, alias bombs) and checks each mutant with {@code --check}, in this JVM: every one is either
 * valid, or refused with exit 2 and problems that each name {@code file:line}, never a stack trace.
 *
 * <p>Seeded, so a run is reproducible: {@code -Djobrun.fuzz.seed=S} picks the seed (default 11) and
 * {@code -Djobrun.fuzz.mutants=N} the number of mutants (default 300, the CI budget); {@code -Djobrun.fuzz.first=I}
 * starts at mutant I, so {@code first=I, mutants=1} replays one. A failing mutant is kept under
 * {@code target/fuzz-failures/}.
 */
class JobFileFuzzTests {
    private static final long SEED = Long.getLong("jobrun.fuzz.seed", 11);
    private static final int MUTANTS = Integer.getInteger("jobrun.fuzz.mutants", 300);
    /** The first mutant's number: with {@code mutants=1}, replays one mutant of a failed run. */
    private static final int FIRST = Integer.getInteger("jobrun.fuzz.first", 0);
    /** What a stack trace or a leaked internal looks like. */
    private static final List<String> TRACES = List.of("\tat ", "Exception in thread", "java.lang.", "org.codehaus",
            "org.snakeyaml", "groovy.lang", "StackOverflow", "OutOfMemory");

    @TempDir
    Path temp;

    @Test
    void everyMutantOfTheExampleJobsIsValidOrRefusedWithFileAndLine() throws IOException {
        List<Path> originals = examples();
        Path jobs = Files.createDirectories(temp.resolve("jobs"));
        copyTree(Path.of("jobs/tasks"), jobs.resolve("tasks"));
        List<String> failures = new ArrayList<>();
        for (int i = FIRST; i < FIRST + MUTANTS; i++) {
            long seed = SEED * 1_000_003L + i;
            Random random = new Random(seed);
            Path original = originals.get(random.nextInt(originals.size()));
            boolean yaml = original.toString().endsWith(".yaml");
            byte[] bytes = Files.readAllBytes(original);
            List<Mutation> applied = new ArrayList<>();
            for (int n = 1 + (random.nextInt(4) == 0 ? 1 : 0); n > 0 && bytes.length > 0; n--) {
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                bytes = mutation.apply(bytes, random, yaml);
                applied.add(mutation);
            }
            String name = "mutant-" + i + "-" + original.getFileName();
            Path mutant = Files.write(jobs.resolve(name), bytes);
            String problem = judge(mutant.toString());
            if (problem != null) {
                failures.add("seed " + seed + " (" + original.getFileName() + ", " + applied + "): " + problem);
                Path kept = Files.createDirectories(Path.of("target/fuzz-failures"));
                Files.copy(mutant, kept.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(mutant);
        }
        assertEquals(List.of(), failures, () -> failures.size() + " of " + MUTANTS + " mutants failed");
    }

    /** Null when {@code file}'s check ended as it must, else what went wrong. */
    private static String judge(String file) {
        CliRun run;
        try {
            run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("--check", file),
                    () -> file + " took more than 60 s to check");
        } catch (org.opentest4j.AssertionFailedError e) {
            return e.getMessage();
        } catch (StackOverflowError | RuntimeException e) {
            return "the check threw " + e;
        }
        String output = run.stdout() + run.stderr();
        for (String trace : TRACES) {
            if (output.contains(trace)) {
                return "shows '" + trace.strip() + "': " + firstLines(output);
            }
        }
        Pattern problem = Pattern.compile(Pattern.quote(file) + ":[1-9][0-9]*(:[0-9]+)?: \\S.*");
        Pattern summary = Pattern.compile("jobrun: [0-9]+ problems? in " + Pattern.quote(file) + "; nothing ran");
        Pattern warning = Pattern.compile(Pattern.quote(file) + ":[1-9][0-9]*(:[0-9]+)?: warning: .*");
        List<String> lines = run.stderr().lines().toList();
        if (run.exitCode() == 0) {
            boolean onlyWarnings = lines.stream().allMatch(line -> warning.matcher(line).matches());
            return run.stdout().endsWith(file + ": ok\n") && onlyWarnings ? null
                    : "exit 0 without 'ok' or with more than warnings: " + firstLines(output);
        }
        if (run.exitCode() != 2) {
            return "exit " + run.exitCode() + ": " + firstLines(output);
        }
        if (lines.size() < 2 || !summary.matcher(lines.get(lines.size() - 1)).matches()) {
            return "no problem summary: " + firstLines(output);
        }
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (!problem.matcher(line).matches()) {
                return "a problem without file:line: " + line;
            }
        }
        return null;
    }

    private static String firstLines(String output) {
        return output.lines().limit(3).toList().toString();
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            return files.filter(f -> f.toString().endsWith(".groovy") || f.toString().endsWith(".yaml")).sorted()
                    .toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }
}
