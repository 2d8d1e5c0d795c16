package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --env-file FILE} and a job's {@code dotenv}: what tasks see, in which order, and what is refused. */
@Timeout(180)
class EnvFileOptionTests {
    @TempDir
    Path dir;

    private void envFile(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    /** What the tasks wrote to {@code out.txt}: values from env files are masked in everything the run shows. */
    private String written() throws IOException {
        return Files.readString(dir.resolve("out.txt"));
    }

    /**
     * The same job in each syntax: a shell task that writes a variable as the shell reads it and as ${env.X} to
     * {@code out.txt}.
     */
    private CliRun printsGreeting(String syntax, String... extra) throws IOException {
        String out = dir.resolve("out.txt").toString();
        String job = syntax.equals("groovy") ? """
                dotenv '.env'
                task 'show', shell('echo "shell=$GREETING template=${env.GREETING}" > OUT')
                """.replace("OUT", out) : """
                dotenv: .env
                tasks:
                  show: { shell: 'echo "shell=$GREETING template=${env.GREETING}" > OUT' }
                """.replace("OUT", out);
        String[] args = new String[extra.length + 2];
        args[0] = "--results";
        args[1] = "--no-journal";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return CliRun.ofFile(dir, "job." + syntax, job, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aShellTaskSeesTheDotenvFileOfItsJobBesideTheJobFile(String syntax) throws IOException {
        envFile(".env", "GREETING=\"hello there\"\n");
        CliRun run = printsGreeting(syntax);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("shell=hello there template=hello there\n", written());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void anEnvFileOnTheCommandLineWinsOverTheJobsDotenvAndALaterOneOverAnEarlierOne(String syntax)
            throws IOException {
        envFile(".env", "GREETING=from-dotenv\n");
        envFile("first.env", "GREETING=from-first\n");
        envFile("second.env", "GREETING=from-second\n");
        CliRun run = printsGreeting(syntax, "--env-file", dir.resolve("first.env").toString(), "--env-file",
                dir.resolve("second.env").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("shell=from-second template=from-second\n", written());
    }

    @Test
    void anEnvFileWinsOverJobrunsOwnEnvironmentAndATasksOwnEnvOverBoth() throws IOException {
        // PATH is in every environment; an env file that sets it is what the task sees
        envFile("path.env", "PATH=/usr/bin:/bin:/from-env-file\nHOME=/from-env-file\n");
        CliRun run = CliRun.ofFile(dir, "job.yaml", """
                tasks:
                  show:
                    shell: { command: 'echo "$PATH $HOME" > OUT', env: { HOME: /from-task } }
                """.replace("OUT", dir.resolve("out.txt").toString()), "--no-journal", "--env-file",
                dir.resolve("path.env").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("/usr/bin:/bin:/from-env-file /from-task\n", written());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aValueFromAnEnvFileInACommandIsDataNeverCode(String syntax) throws IOException {
        Path pwned = dir.resolve("pwned");
        envFile(".env", "GREETING='hi; touch " + pwned + "; $(touch " + pwned + ") `touch " + pwned + "`'\n");
        CliRun run = printsGreeting(syntax);
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(Files.exists(pwned), "a value from an env file ran as code");
        assertTrue(written().contains("template=hi; touch " + pwned + "; $(touch"), written());
    }

    @Test
    void aClosureReadsEnvAndAShellOnAProcessExecutorSeesTheEnvFile() throws IOException {
        envFile(".env", "GREETING=from-file\n");
        CliRun run = CliRun.ofFile(dir, "job.groovy", """
                dotenv '.env'
                executor 'cpu', processes(1)
                task 'code', on: 'cpu', { 'code=' + env.GREETING.reverse() }
                task 'shell', on: 'cpu', shell('echo "shell=$GREETING" | rev')
                task 'here', { 'here=' + env.GREETING.reverse() }
                """, "--results", "--no-journal");
        // NOTE: each task shows the value reversed: the value itself is masked in everything the run shows
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("code=elif-morf"), run.stdout());
        assertTrue(run.stdout().contains("elif-morf=llehs"), run.stdout());
        assertTrue(run.stdout().contains("here=elif-morf"), run.stdout());
    }

    @Test
    void aMissingEnvFileOnTheCommandLineStopsTheRunBeforeAnythingRuns() throws IOException {
        Path marker = dir.resolve("ran");
        CliRun run = CliRun.ofFile(dir, "job.yaml", "tasks:\n  a: { shell: 'touch " + marker + "' }\n",
                "--env-file", dir.resolve("missing.env").toString());
        assertEquals(2, run.exitCode());
        assertEquals("jobrun: --env-file " + dir.resolve("missing.env") + ": no such file; nothing ran\n",
                run.stderr());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aBadLineOfAnEnvFileOnTheCommandLineIsReportedAtItsLine() throws IOException {
        envFile("bad.env", "OK=1\nnot a setting\n");
        CliRun run = CliRun.ofFile(dir, "job.yaml", "tasks:\n  a: { shell: 'true' }\n", "--env-file",
                dir.resolve("bad.env").toString());
        assertEquals(2, run.exitCode());
        assertEquals(dir.resolve("bad.env") + ":2: expected NAME=value (or export NAME=value, a # comment, a blank "
                + "line); the line is not shown, since it may hold a secret\n"
                + "jobrun: 1 problem in --env-file " + dir.resolve("bad.env") + "; nothing ran\n", run.stderr());
    }

    @Test
    void envAtTheTopLevelOfAGroovyFileIsAnErrorSayingWhereToReadIt() throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.groovy", """
                def url = env.API_URL
                task 'a', { url }
                """);
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith(dir.resolve("job.groovy") + ":1:"), run.stderr());
        assertTrue(run.stderr().contains("env is read when a task runs"), run.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void anUnknownVariableInATemplateFailsTheTaskNamingItWithoutListingTheEnvironment(String syntax)
            throws IOException {
        envFile(".env", "GREETING=hi\n");
        String job = syntax.equals("groovy") ? "dotenv '.env'\ntask 'show', shell('echo ${env.GREETNG}')\n"
                : "dotenv: .env\ntasks:\n  show: { shell: 'echo ${env.GREETNG}' }\n";
        CliRun run = CliRun.ofFile(dir, "job." + syntax, job, "--no-journal");
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("no environment variable 'GREETNG' (not in jobrun's environment or an env "
                + "file) (did you mean 'GREETING'?)"), run.stdout());
        assertFalse(run.stdout().contains("PATH"), run.stdout());
    }
}
