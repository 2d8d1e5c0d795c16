package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One model, two syntaxes: every rule of meaning has a bad-job fixture in both, and the two give the same messages
 * apart from the places and the spelling of keys (camelCase against snake_case). A fixture without its pair is a
 * mistake only one syntax can make, and says why here.
 */
class FixturePairTests {
    private static final Path GROOVY = Path.of("src/test/resources/bad-jobs");
    private static final Path YAML = Path.of("src/test/resources/bad-jobs-yaml");

    /** Mistakes of the Groovy syntax, or of code, which a YAML file cannot make. */
    private static final Map<String, String> GROOVY_ONLY = Map.ofEntries(
            Map.entry("ci-stage-and-sh", "a Jenkinsfile's calls; YAML's CI words are keys (ci-jobs-key)"),
            Map.entry("ci-stage-only", "a Jenkinsfile's only stage; YAML's CI word is a key (ci-jobs-key)"),
            Map.entry("params-as-a-block", "a Groovy closure; YAML's params: is a map already"),
            Map.entry("body-written-as-an-option", "YAML writes a body as a key of its task: the habit this catches"),
            Map.entry("closure-captures-unsendable-value", "YAML has no closures"),
            Map.entry("closure-takes-too-many-parameters", "YAML has no closures"),
            Map.entry("callback-of-another-kind", "YAML's callbacks have print: and shell: keys alone"),
            Map.entry("comma-missing-before-closure", "Groovy's trailing closures"),
            Map.entry("compile-time-code-throws-an-error", "YAML runs no code while it is read"),
            Map.entry("compile-time-code-throws-an-exception", "YAML runs no code while it is read"),
            Map.entry("duplicate-method", "Groovy methods"),
            Map.entry("exceptions-named-as-python-or-java-name-them", "YAML catches nothing"),
            Map.entry("expression-too-long", "the Groovy compiler's stack"),
            Map.entry("grab-a-library", "Groovy's @Grab"),
            Map.entry("null-parameter-as-number", "Groovy code"),
            Map.entry("over-a-map", "a Groovy map value; YAML's foreach: map is a source's keys (foreach-text)"),
            Map.entry("parameter-assigned", "YAML runs no code"),
            Map.entry("python-names-and-functions", "Python written as Groovy code"),
            Map.entry("python-statements", "Python written as Groovy code"),
            Map.entry("parameter-read-undeclared", "Groovy code; YAML's ${params.x} is unknown-param"),
            Map.entry("shell-groovy-string-in-arithmetic", "Groovy's \"...\" strings"),
            Map.entry("item-in-double-quotes", "Groovy's \"...\" strings"),
            Map.entry("job-value-hidden-by-a-variable", "YAML has no variables"),
            Map.entry("results-in-double-quotes", "Groovy's \"...\" strings"),
            Map.entry("when-in-double-quotes", "Groovy's \"...\" strings"),
            Map.entry("shell-inside-task-code", "a YAML body is a key of its task, never a value in code"),
            Map.entry("declaration-inside-task-code", "YAML runs no code"),
            Map.entry("failure-while-reading", "YAML runs no code while it is read"),
            Map.entry("fan-out-declared-with-task", "a YAML fan-out is a task with foreach:"),
            Map.entry("fan-out-item-unsendable", "YAML items are text and numbers, which always travel"),
            Map.entry("fan-out-item-of-a-class-of-the-file", "YAML declares no classes"),
            Map.entry("map-without-over", "a YAML fan-out is a task with foreach:"),
            Map.entry("name-written-bare", "a name in YAML is text however it is written"),
            Map.entry("over-text", "Groovy's over: takes a value; YAML's is foreach-text"),
            Map.entry("status-compared-with-unknown-word", "YAML templates compare nothing"),
            Map.entry("submit-at-top-level", "YAML runs no code"),
            Map.entry("then-after-trailing-closure", "Groovy's parentheses"),
            Map.entry("unknown-method", "Groovy code"),
            Map.entry("unknown-name", "Groovy code"),
            Map.entry("unknown-option-in-map-variable", "options from a Groovy variable"),
            Map.entry("wrong-arguments", "Groovy's method signatures"));

    /** Mistakes of the YAML syntax, which a Groovy file cannot make. */
    private static final Map<String, String> YAML_ONLY = Map.ofEntries(
            Map.entry("ci-jobs-key", "a CI file's top-level key; Groovy's CI words are calls (ci-stage-and-sh)"),
            Map.entry("github-step-keys", "a GitHub job's keys, as YAML writes them"),
            Map.entry("gitlab-script-commands", "GitLab's script: key; Groovy's script(...) is a call"),
            Map.entry("colon-in-a-plain-value", "YAML's plain scalars"),
            Map.entry("duplicate-key", "YAML maps"),
            Map.entry("foreach-text", "YAML's foreach: takes nodes; Groovy's is over-text"),
            Map.entry("foreach-item-nested", "a Groovy item may be any value"),
            Map.entry("foreach-item-reads-an-item", "a Groovy list is computed as the file is read"),
            Map.entry("foreach-range-step-zero", "Groovy writes a range as a Groovy value, (0..<50).step(5)"),
            Map.entry("foreach-range-without-end", "Groovy writes a range as a Groovy value, 0..<50"),
            Map.entry("foreach-range-bound-not-a-number", "a Groovy range is a value: a whole-number parameter is one"),
            Map.entry("java-tag", "YAML tags"),
            Map.entry("when-negated-unquoted", "YAML tags: a plain value that starts with ! is one"),
            Map.entry("alias-inside-its-own-anchor", "YAML aliases"),
            Map.entry("task-steps-as-in-ci-files", "the keys of CI files' YAML"),
            Map.entry("tasks-as-a-list", "YAML's lists; Groovy declares each task by a call"),
            Map.entry("merge-key-not-a-map", "YAML's merge key; Groovy shares options in a map variable"),
            Map.entry("not-a-map", "YAML's document shape"),
            Map.entry("retry-settings-beside-retries", "Groovy writes backoff: and retryOn: beside retries:"),
            Map.entry("nothing-to-do", "a Groovy task always has a body"),
            Map.entry("shell-and-http", "a Groovy task takes one body"),
            Map.entry("two-documents", "YAML documents"),
            Map.entry("unclosed-flow", "YAML syntax"),
            Map.entry("unknown-top-level-key", "YAML keys; Groovy's is unknown-method"),
            Map.entry("yaml-bomb", "YAML aliases"));

    /**
     * Both syntaxes have one, but it is worded in the terms of each syntax: its parser's, what a job must hold, or how
     * an option is written where it goes.
     */
    private static final Set<String> SYNTAX = Set.of("syntax-error", "comments-only", "task-option-inside-the-body",
            "body-option-beside-the-task", "job-callback-given-text");

    private static final Pattern PLACE = Pattern.compile("^\\S+?(:\\d+)?(:\\d+)?: ");
    private static final Pattern SNAKE = Pattern.compile("([a-z0-9])_([a-z])");

    static Stream<String> pairs() throws IOException {
        Set<String> both = names(GROOVY, ".groovy");
        both.retainAll(names(YAML, ".yaml"));
        both.removeAll(SYNTAX);
        return both.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void bothSyntaxesGiveTheSameMessagesApartFromPlaceAndSpelling(String fixture) throws IOException {
        assertEquals(messages(GROOVY.resolve(fixture + ".err")), messages(YAML.resolve(fixture + ".err")));
    }

    @Test
    void everyFixtureHasItsPairOrIsAMistakeOfOneSyntax() throws IOException {
        Set<String> groovy = names(GROOVY, ".groovy");
        Set<String> yaml = names(YAML, ".yaml");
        List<String> unpaired = new ArrayList<>();
        for (String name : groovy) {
            if (!yaml.contains(name) && !GROOVY_ONLY.containsKey(name)) {
                unpaired.add("bad-jobs-yaml/" + name + ".yaml is missing");
            }
        }
        for (String name : yaml) {
            if (!groovy.contains(name) && !YAML_ONLY.containsKey(name)) {
                unpaired.add("bad-jobs/" + name + ".groovy is missing");
            }
        }
        assertEquals(List.of(), unpaired);
        for (String name : GROOVY_ONLY.keySet()) {
            assertTrue(groovy.contains(name) && !yaml.contains(name), name + " is listed as Groovy's alone");
        }
        for (String name : YAML_ONLY.keySet()) {
            assertTrue(yaml.contains(name) && !groovy.contains(name), name + " is listed as YAML's alone");
        }
    }

    /** The messages of a fixture without their places, file names or snake_case. */
    private static List<String> messages(Path err) throws IOException {
        List<String> messages = new ArrayList<>();
        for (String line : Files.readAllLines(err)) {
            String message = line.startsWith("jobrun: ") ? line.replaceAll(" in \\S+; nothing ran", " in FILE; nothing ran")
                    : PLACE.matcher(line).replaceFirst("");
            message = message.replaceAll("\\(first at line \\d+\\)", "(first at line N)")
                    .replaceAll("bad-jobs(-yaml)?/", "FIXTURES/");
            Matcher snake = SNAKE.matcher(message);
            StringBuilder camel = new StringBuilder();
            while (snake.find()) {
                snake.appendReplacement(camel, snake.group(1) + snake.group(2).toUpperCase(java.util.Locale.ROOT));
            }
            snake.appendTail(camel);
            messages.add(camel.toString());
        }
        return messages;
    }

    private static Set<String> names(Path directory, String ending) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ending))
                    .forEach(n -> names.add(n.substring(0, n.length() - ending.length())));
        }
        return names;
    }
}
