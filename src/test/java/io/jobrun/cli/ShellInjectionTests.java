package io.jobrun.cli;

import static io.jobrun.cli.LocalHttpServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from outside the job file (an HTTP body, a {@code -p} value, a fan-out item, a task's output) reaches a shell
 * command as one word of data in both syntaxes: each test feeds it a command to run and checks that the command only
 * printed it. The payload runs {@code touch} four ways (after ';', in $(...), in backquotes, after a closing quote).
 */
class ShellInjectionTests {
    @TempDir
    Path temp;

    private LocalHttpServer server;
    private Path pwned;
    private Path out;
    private String payload;

    @BeforeEach
    void setUp() throws IOException {
        pwned = temp.resolve("pwned");
        out = temp.resolve("out.txt");
        payload = "hi; touch " + pwned + "; echo $(touch " + pwned + ") `touch " + pwned + "` '; touch " + pwned
                + "; '";
        Files.writeString(temp.resolve("payload.txt"), payload + "\n");
        server = new LocalHttpServer().route("/payload", exchange -> reply(exchange, 200, payload));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Runs {@code text} as a job file named {@code name}, and checks that it printed the payload and ran nothing. */
    private void assertPayloadPrintedNotRun(String name, String text, String... args) throws IOException {
        Path job = Files.writeString(temp.resolve(name), text.replace("OUT", out.toString())
                .replace("PAYLOAD_FILE", temp.resolve("payload.txt").toString()));
        List<String> all = new ArrayList<>(List.of(job.toString(), "--quiet"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), () -> run.stdout() + run.stderr());
        assertFalse(Files.exists(pwned), "the payload ran");
        assertEquals(payload, Files.readString(out).strip());
    }

    @Test
    void anHttpBodyIsDataInAYamlShellCommand() throws IOException {
        assertPayloadPrintedNotRun("body.yaml", """
                params: { base: none }
                tasks:
                  fetch: { http: { get: "${params.base}/payload" } }
                  say:
                    after: fetch
                    shell: printf '%s' ${results.fetch.body} > OUT
                """, "-p", "base=" + server.base());
    }

    @Test
    void anHttpBodyIsDataInAGroovyShellCommand() throws IOException {
        assertPayloadPrintedNotRun("body.groovy", """
                params base: 'none'
                task 'fetch', http(get: '${params.base}/payload')
                task 'say', after: ['fetch'], shell('printf "%s" ${results.fetch.body} > OUT')
                """, "-p", "base=" + server.base());
    }

    @Test
    void aParameterIsDataInAYamlShellCommand() throws IOException {
        assertPayloadPrintedNotRun("param.yaml", """
                params: { name: nobody }
                tasks:
                  say: { shell: "printf '%s' ${params.name} > OUT" }
                """, "-p", "name=" + payload);
    }

    @Test
    void aParameterIsDataInAGroovyStringGivenToShell() throws IOException {
        assertPayloadPrintedNotRun("param.groovy", """
                params name: 'nobody'
                task 'say', shell("printf '%s' ${params.name} > OUT")
                """, "-p", "name=" + payload);
    }

    @Test
    void aParameterIsDataInAGroovyTemplateGivenToShell() throws IOException {
        assertPayloadPrintedNotRun("param-template.groovy", """
                params name: 'nobody'
                task 'say', shell('printf "%s" "${params.name}" > OUT')
                """, "-p", "name=" + payload);
    }

    @Test
    void anItemIsDataInAYamlShellCommand() throws IOException {
        assertPayloadPrintedNotRun("item.yaml", """
                tasks:
                  say:
                    foreach: { lines: PAYLOAD_FILE }
                    shell: printf '%s' ${item} > OUT
                """);
    }

    @Test
    void anItemIsDataInAGroovyShellCommand() throws IOException {
        assertPayloadPrintedNotRun("item.groovy", """
                map 'say', over: new File('PAYLOAD_FILE').readLines(), shell('printf "%s" ${item} > OUT')
                """);
    }

    @Test
    void aResultIsDataInAYamlShellCommandAndCallback() throws IOException {
        assertPayloadPrintedNotRun("result.yaml", """
                tasks:
                  read: { shell: cat PAYLOAD_FILE }
                  say:
                    after: read
                    shell: printf '%s' "${results.read}" | tee OUT.first
                    on_success: { shell: "printf '%s' ${task.result} > OUT" }
                """);
        assertEquals(payload, Files.readString(Path.of(out + ".first")).strip());
    }

    @Test
    void aResultIsDataInAGroovyShellCommand() throws IOException {
        assertPayloadPrintedNotRun("result.groovy", """
                task 'read', shell('cat PAYLOAD_FILE')
                task 'say', after: ['read'], shell('printf "%s" ${results.read} > OUT')
                """);
    }

    @Test
    void aValueIsDataOnAProcessExecutorToo() throws IOException {
        assertPayloadPrintedNotRun("worker.yaml", """
                params: { name: nobody }
                executors: { workers: { processes: 1 } }
                tasks:
                  say: { on: workers, shell: "printf '%s' ${params.name} > OUT" }
                """, "-p", "name=" + payload);
    }

    @Test
    void onlyAWholeNumberMayStandInShellArithmetic() throws IOException {
        Path job = Files.writeString(temp.resolve("arithmetic.yaml"), """
                tasks:
                  count:
                    foreach: ["41", "a[$(touch PWNED)]"]
                    shell: echo $(( ${item} + 1 ))
                """.replace("PWNED", pwned.toString()));
        CliRun run = CliRun.of(job.toString(), "--quiet", "--no-emoji");
        assertEquals(1, run.exitCode());
        assertFalse(Files.exists(pwned), "the payload ran");
        assertTrue(run.stdout().contains("error: the value 'a[$(touch "), run.stdout());
        assertTrue(run.stdout().contains(" stands inside $((...)), where only a whole number may"), run.stdout());
    }

    @Test
    void rawPastesCodeAndCheckWarnsOfItInBothSyntaxes() throws IOException {
        Path yaml = Files.writeString(temp.resolve("raw.yaml"), """
                params: { flags: -n }
                tasks:
                  say: { shell: "echo ${raw(params.flags)} hi" }
                """);
        Path groovy = Files.writeString(temp.resolve("raw.groovy"), """
                params flags: '-n'
                task 'say', shell("echo ${raw(params.flags)} hi")
                task 'again', shell('echo ${raw(params.flags)} hi')
                """);
        CliRun check = CliRun.of("--check", yaml.toString(), groovy.toString());
        String warning = " pastes its value into the shell command as code, not as one word: use raw only for text "
                + "you trust\n";
        assertEquals(yaml + ":3:25: warning: ${raw(params.flags)}" + warning
                + groovy + ":2:27: warning: raw(...)" + warning
                + groovy + ":3:29: warning: ${raw(params.flags)}" + warning, check.stderr());
        assertEquals(yaml + ": ok\n" + groovy + ": ok\n", check.stdout());
        assertEquals(0, check.exitCode());
    }
}
