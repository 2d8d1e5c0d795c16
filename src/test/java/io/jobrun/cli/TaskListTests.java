package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --list} and {@code --list --json}, the same for both syntaxes, and the shell completion that reads them. */
class TaskListTests {
    private static final String JOBS = "src/test/resources/jobs/select.";
    private static final Path COMPLETION = Path.of("dsl/jobrun-completion.bash");
    private static final String REQUIRE_ZSH = "JOBRUN_REQUIRE_ZSH";

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void listPrintsEachTaskWithItsKindExecutorDependenciesAndDescription(String syntax) {
        CliRun run = CliRun.of("--list", JOBS + syntax);
        assertEquals(JOBS + syntax + "\n" + """
                  TASK        KIND            EXECUTOR  AFTER      DESCRIPTION
                  fetch       shell           io                   Fetch the sources
                  build-app   shell           io        fetch
                  build-docs  shell           io        fetch
                  analyze     shell, foreach  io
                  report      shell           io        analyze
                  deploy      shell           io        build-app  Ship the app
                """, run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
    }

    /** A job with a condition lists it, as the file wrote it, in a column of its own and in the JSON. */
    @Test
    void listShowsEachTasksConditionInBothSyntaxes(@TempDir Path directory) throws IOException {
        CliRun groovy = CliRun.ofFile(directory, "job.groovy", """
                params deploy: false
                task 'build', shell('make')
                task 'deploy', after: 'build', when: params.deploy, shell('make deploy')
                """, "--list");
        String yamlJob = """
                params: { deploy: false }
                tasks:
                  build: { shell: make }
                  deploy: { after: [build], when: "${params.deploy}", shell: make deploy }
                """;
        CliRun yaml = CliRun.ofFile(directory, "job.yaml", yamlJob, "--list");
        for (CliRun run : List.of(groovy, yaml)) {
            String condition = run == groovy ? "params.deploy" : "${params.deploy}";
            assertEquals(true, run.stdout().contains("""
                      TASK    KIND   EXECUTOR  AFTER  WHEN%s  DESCRIPTION
                      build   shell  default
                      deploy  shell  default   build  %s
                    """.formatted(" ".repeat(condition.length() - 4), condition)), run.stdout());
        }
        CliRun json = CliRun.ofFile(directory, "job.yaml", yamlJob, "--list", "--json");
        assertEquals(true, json.stdout().contains("\"after\": [\"build\"], \"when\": \"${params.deploy}\","),
                json.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void listJsonPrintsTheSameOneTaskALine(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "--list", "--json");
        assertEquals("""
                {
                  "file": "%s",
                  "description": null,
                  "default": [],
                  "params": [],
                  "tasks": [
                    {"name": "fetch", "kind": "shell", "foreach": false, "executor": "io", "after": [], \
                "when": null, "description": "Fetch the sources"},
                    {"name": "build-app", "kind": "shell", "foreach": false, "executor": "io", "after": ["fetch"], \
                "when": null, "description": null},
                    {"name": "build-docs", "kind": "shell", "foreach": false, "executor": "io", "after": ["fetch"], \
                "when": null, "description": null},
                    {"name": "analyze", "kind": "shell", "foreach": true, "executor": "io", "after": [], \
                "when": null, "description": null},
                    {"name": "report", "kind": "shell", "foreach": false, "executor": "io", "after": ["analyze"], \
                "when": null, "description": null},
                    {"name": "deploy", "kind": "shell", "foreach": false, "executor": "io", "after": ["build-app"], \
                "when": null, "description": "Ship the app"}
                  ]
                }
                """.formatted(JOBS + syntax), run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
    }

    @Test
    void listShowsCodeStagesTheDefaultAndTheJobsDescription(@org.junit.jupiter.api.io.TempDir Path directory)
            throws IOException {
        String groovy = """
                description 'Builds and ships'
                task('fetch', description: 'a "quoted" line') { 'x' }.then('shout') { it.toUpperCase() }
                defaultTasks 'shout'
                """;
        CliRun run = CliRun.ofFile(directory, "job.groovy", groovy, "--list");
        assertEquals(directory.resolve("job.groovy") + ": Builds and ships\n" + """
                  TASK   KIND  EXECUTOR  AFTER  DESCRIPTION
                  fetch  code  default          a "quoted" line
                  shout  code  default   fetch
                Default: shout (what runs when no task is named)
                """, run.stdout());
        CliRun json = CliRun.ofFile(directory, "job.groovy", groovy, "--list", "--json");
        assertEquals(true, json.stdout().contains("\"description\": \"Builds and ships\",\n  \"default\": [\"shout\"]"),
                json.stdout());
        assertEquals(true, json.stdout().contains("\"after\": [], \"when\": null, \"description\": \"a \\\"quoted\\\" line\"}"),
                json.stdout());
    }

    @Test
    void anInvalidJobFileIsNotListed() {
        CliRun run = CliRun.of("--list", "src/test/resources/bad-jobs-yaml/default-unknown-task.yaml");
        assertEquals("", run.stdout());
        assertEquals(2, run.exitCode());
        assertEquals(true, run.stderr().endsWith("; nothing ran\n"), run.stderr());
    }

    @Test
    void jsonGoesWithListAndListTakesNoTaskNames() {
        CliRun json = CliRun.of(JOBS + "yaml", "--json");
        assertEquals("jobrun: --json goes with --list\n" + Help.USAGE + "\nRun 'bin/jobrun --help' for more.\n",
                json.stderr());
        assertEquals(2, json.exitCode());
        CliRun names = CliRun.of(JOBS + "yaml", "--list", "deploy");
        assertEquals("jobrun: --list lists every task; it takes no task names (deploy)\n" + Help.USAGE
                + "\nRun 'bin/jobrun --help' for more.\n", names.stderr());
        assertEquals(2, names.exitCode());
    }

    @Test
    void theCompletionOffersEveryOptionOfTheHelpAndNoOther() throws IOException {
        Set<String> help = new TreeSet<>();
        Matcher flag = Pattern.compile("(?m)^  (?:-\\w, )?(--[a-z-]+)").matcher(Help.text(Cli.STANDARD_KINDS));
        while (flag.find()) {
            help.add(flag.group(1));
        }
        Matcher list = Pattern.compile("_jobrun_options=\"([^\"]*)\"").matcher(Files.readString(COMPLETION));
        assertEquals(true, list.find());
        assertEquals(help, new TreeSet<>(List.of(list.group(1).trim().split("\\s+"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theCompletionCompletesTaskNamesOptionsAndJobFilesInBashAndZsh(String shell) throws Exception {
        assumeShell(shell);
        assertEquals(List.of("build-app", "build-docs"), complete(shell, "bin/jobrun", JOBS + "yaml", "bu"));
        assertEquals(List.of("fetch"), complete(shell, "bin/jobrun", "-q", JOBS + "groovy", "deploy", "f"));
        assertEquals(List.of("--list"), complete(shell, "bin/jobrun", "--li"));
        assertEquals(List.of(JOBS + "groovy", JOBS + "yaml"), complete(shell, "bin/jobrun", JOBS.substring(0,
                JOBS.length() - 4)));
        assertEquals(List.of(), complete(shell, "bin/jobrun",
                "src/test/resources/bad-jobs-yaml/default-unknown-task.yaml", "t"));
    }

    /** A job with parameters of each type, in both syntaxes, one of them secret by its name. */
    private static String paramsJob(String syntax) {
        return syntax.equals("groovy") ? """
                params limit: 10, dryRun: false, ratio: 0.5, target: 'prod', apiKey: 'k1'
                task 'deploy', shell('echo ${params.target}')
                """ : """
                params: { limit: 10, dryRun: false, ratio: 0.5, target: prod, apiKey: k1 }
                tasks:
                  deploy: { shell: "echo ${params.target}" }
                """;
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void listShowsTheParametersWithTheirValuesAndTypesASecretsMasked(String syntax, @TempDir Path directory)
            throws IOException {
        CliRun run = CliRun.ofFile(directory, "job." + syntax, paramsJob(syntax), "--list", "-p", "limit=20");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().endsWith("""
                Parameters (-p NAME=VALUE):
                  limit   20     a whole number
                  dryRun  false  true or false
                  ratio   0.5    a number
                  target  prod   text
                  apiKey  ***    text
                """), run.stdout());
        CliRun json = CliRun.ofFile(directory, "job." + syntax, paramsJob(syntax), "--list", "--json");
        assertTrue(json.stdout().contains("""
                  "params": [
                    {"name": "limit", "type": "whole_number", "value": "10"},
                    {"name": "dryRun", "type": "boolean", "value": "false"},
                    {"name": "ratio", "type": "decimal", "value": "0.5"},
                    {"name": "target", "type": "text", "value": "prod"},
                    {"name": "apiKey", "type": "text", "value": "***"}
                  ],
                """), json.stdout());
        CliRun plan = CliRun.ofFile(directory, "job." + syntax, paramsJob(syntax), "--dry-run", "-p", "dryRun=true");
        assertTrue(plan.stdout().contains("\nParameters: limit=10, dryRun=true, ratio=0.5, target=prod, apiKey=***\n"),
                plan.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theCompletionCompletesTheParametersOfTheJobFileAfterP(String shell, @TempDir Path directory)
            throws Exception {
        assumeShell(shell);
        Path job = Files.writeString(directory.resolve("job.yaml"), paramsJob("yaml"));
        assertEquals(List.of("dryRun="), complete(shell, "bin/jobrun", job.toString(), "-p", "d"));
        assertEquals(List.of("limit="), complete(shell, "bin/jobrun", job.toString(), "--param", "l"));
        assertEquals(List.of(), complete(shell, "bin/jobrun", job.toString(), "-p", "limit="), "a value is the user's");
        assertEquals(List.of(), complete(shell, "bin/jobrun", "-p", "l"), "no job file named yet");
    }

    /** zsh is not on every machine: CI installs it ({@code .ci/run}) and sets {@value #REQUIRE_ZSH}, so there it must run. */
    private static void assumeShell(String shell) {
        if (shell.equals("zsh") && !onPath("zsh")) {
            assertEquals(null, System.getenv(REQUIRE_ZSH), "zsh is not installed, and " + REQUIRE_ZSH
                    + " is set: CI must test the zsh completion");
            Assumptions.assumeTrue(false, "zsh is not installed; .ci/run installs it");
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir,
                command)));
    }

    /**
     * What {@code _jobrun} offers for the last word of {@code words}, run as a user's Tab would. In zsh it goes through
     * {@code bashcompinit}, as the script's header tells zsh users; zsh's own matching, which keeps the offers that
     * start with the word typed, stands in for the line editor's {@code compadd} (it exists only inside a widget).
     */
    private static List<String> complete(String shell, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append("'");
        }
        String script = shell.equals("bash")
                ? "source " + COMPLETION + "\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1)
                        + "\n_jobrun\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
                : "autoload -U +X compinit && compinit -u -D\nautoload -U +X bashcompinit && bashcompinit\n"
                        + "source " + COMPLETION + "\n"
                        // NOTE: _bash_complete passes the offers after a lone "-"; the options before it
                        + "compadd() { while [[ $# -gt 0 && $1 != - ]]; do shift; done; shift\n"
                        + "  local a; for a in \"$@\"; do [[ $a != ${PREFIX}* ]] || print -r -- $a; done }\n"
                        + "words=(" + array + ")\nCURRENT=" + words.length + "\nPREFIX=" + "'"
                        + words[words.length - 1] + "'\n_bash_complete -F _jobrun || true\n"; // NOTE: 1 when nothing matched
        ProcessBuilder builder = new ProcessBuilder(shell.equals("bash")
                ? List.of("bash", "--norc", "--noprofile", "-c", script) : List.of("zsh", "-f", "-c", script))
                .redirectErrorStream(true);
        builder.environment().put("JOBRUN_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        // NOTE: sorted, as both shells show the choices sorted whatever order they were found in
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n")).stream().map(String::strip)
                .filter(line -> !line.isEmpty()).sorted().toList();
    }
}
