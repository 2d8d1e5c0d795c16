package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secret values (every value from an env file, and what the job's {@code secrets} names) never leave the run: not on
 * stdout or stderr, in no report file and not in the journal, whether a task prints them, returns them or fails
 * with them in its message.
 */
@Timeout(180)
class SecretMaskingTests {
    private static final String FROM_FILE = "env-file-s3cr3t-9f2";
    private static final String NAMED = "named-secret-param-77x";

    @TempDir
    Path dir;

    /** A job of each syntax whose tasks print, return and fail with both secrets. */
    private static String job(String syntax) {
        return syntax.equals("groovy") ? """
                dotenv '.env'
                params deployKey: 'unset'
                secrets 'deployKey'
                task 'prints', shell('echo "token is $API_TOKEN and ${params.deployKey}"; echo "err $API_TOKEN" >&2')
                task 'returns', { "result with " + env.API_TOKEN + " and " + params.deployKey }
                task 'fails', { throw new IllegalStateException("bad " + env.API_TOKEN + " / " + params.deployKey) }
                task 'shellFails', shell('echo "dying with $API_TOKEN"; exit 3')
                """ : """
                dotenv: .env
                params:
                  deployKey: unset
                secrets: [deployKey]
                tasks:
                  prints:
                    shell: 'echo "token is $API_TOKEN and ${params.deployKey}"; echo "err $API_TOKEN" >&2'
                  returns:
                    shell: 'printf "result with %s" ${params.deployKey}'
                  fails:
                    http: { get: "http://127.0.0.1:1/${env.API_TOKEN}/${params.deployKey}" }
                  shellFails:
                    shell: 'echo "dying with $API_TOKEN"; exit 3'
                """;
    }

    private CliRun run(String syntax, String... extra) throws IOException {
        Files.writeString(dir.resolve(".env"), "API_TOKEN=" + FROM_FILE + "\n");
        List<String> args = new ArrayList<>(List.of("-p", "deployKey=" + NAMED, "--verbose", "--results",
                "--journal", dir.resolve("journal").toString()));
        for (String format : List.of("json", "junit", "trace", "html", "markdown")) {
            args.add("--report");
            args.add(format + "=" + dir.resolve("out/report." + format));
        }
        args.addAll(List.of(extra));
        return CliRun.ofFile(dir, "job." + syntax, job(syntax), args.toArray(String[]::new));
    }

    private void neverShown(CliRun run) throws IOException {
        for (String secret : List.of(FROM_FILE, NAMED)) {
            assertFalse(run.stdout().contains(secret), () -> secret + " on stdout:\n" + run.stdout());
            assertFalse(run.stderr().contains(secret), () -> secret + " on stderr:\n" + run.stderr());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (file.getFileName().toString().equals(".env") || file.toString().endsWith("job.groovy")
                            || file.toString().endsWith("job.yaml")) {
                        continue;
                    }
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    assertFalse(text.contains(secret), () -> secret + " in " + file + ":\n" + text);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void secretsPrintedReturnedAndInErrorsAppearNowhere(String syntax) throws IOException {
        CliRun run = run(syntax);
        assertEquals(1, run.exitCode(), run.stderr());
        neverShown(run);
        assertTrue(run.stdout().contains("token is *** and ***"), run.stdout());
        assertTrue(run.stdout().contains("dying with ***"), run.stdout());
        assertTrue(Files.readString(dir.resolve("out/report.json")).contains("***"));
        try (Stream<Path> journals = Files.walk(dir.resolve("journal"))) {
            assertTrue(journals.anyMatch(p -> p.toString().endsWith(".jsonl")), "the journal was written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void secretsInTheLiveOutputAreMasked(String syntax) throws IOException {
        CliRun run = run(syntax, "--output");
        neverShown(run);
        assertTrue(run.stdout().contains("prints | token is *** and ***"), run.stdout());
    }

    /**
     * What is printed about a job instead of a run (its task list, its plan, the explanation of a resume) is masked as
     * a run's output is: a description here, and the items of a fan-out, carry a secret value.
     */
    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void secretsAreMaskedInTheListThePlanAndTheExplanation(String syntax) throws IOException {
        String job = syntax.equals("groovy") ? """
                params deployKey: 'unset'
                secrets 'deployKey'
                description "Deploys with %1$s"
                task 'deploy', description: "Ships with %1$s", { 1 }
                map 'each', over: ['%1$s'], { it }
                """.formatted(NAMED) : """
                params:
                  deployKey: unset
                secrets: [deployKey]
                description: Deploys with %1$s
                tasks:
                  deploy: { description: Ships with %1$s, shell: 'true' }
                  each: { foreach: ['%1$s'], shell: 'echo ${item}' }
                """.formatted(NAMED);
        for (List<String> flags : List.of(List.of("--list"), List.of("--list", "--json"), List.of("--dry-run"),
                List.of("--dry-run", "--explain"))) {
            List<String> args = new ArrayList<>(List.of("-p", "deployKey=" + NAMED, "--journal",
                    dir.resolve("journal").toString()));
            args.addAll(flags);
            CliRun run = CliRun.ofFile(dir, "job." + syntax, job, args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), () -> flags + ": " + run.stderr());
            neverShown(run);
            assertTrue(run.stdout().contains("***"), () -> flags + ":\n" + run.stdout());
        }
    }

    @Test
    void aSecretInACallbacksLineIsMasked() throws IOException {
        Files.writeString(dir.resolve(".env"), "API_TOKEN=" + FROM_FILE + "\n");
        CliRun run = CliRun.ofFile(dir, "job.yaml", """
                dotenv: .env
                tasks:
                  a: { shell: 'true' }
                always: { print: "done with ${env.API_TOKEN}" }
                """, "--no-journal");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done with ***"), run.stdout());
        neverShown(run);
    }

    @Test
    void aValueOfAnEnvFileOnTheCommandLineIsMaskedToo() throws IOException {
        Files.writeString(dir.resolve("cli.env"), "OTHER=" + FROM_FILE + "\n");
        CliRun run = CliRun.ofFile(dir, "job.yaml", "tasks:\n  a: { shell: 'echo \"$OTHER\"' }\n", "--results",
                "--no-journal", "--env-file", dir.resolve("cli.env").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(run.stdout().contains(FROM_FILE), run.stdout());
        assertTrue(run.stdout().contains("***"), run.stdout());
    }
}
