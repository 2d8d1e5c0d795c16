package io.jobrun.job.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTests {
    private static final List<String> GROOVY_MAP_OPTIONS = List.of("on", "timeout", "retries", "after", "optional",
            "over");
    private static final List<String> YAML_TASK_OPTIONS = List.of("on", "timeout", "retries", "after", "optional",
            "foreach", "shell");

    @Test
    void aWordOfAnotherRunnerIsAnsweredWithJobrunsWordForIt() {
        assertEquals("unknown task option 'needs' (jobrun calls it 'after')",
                Suggestions.unknown("task option", "needs", YAML_TASK_OPTIONS));
        assertEquals("unknown task option 'continue-on-error' (jobrun calls it 'optional')",
                Suggestions.unknown("task option", "continue-on-error", YAML_TASK_OPTIONS));
    }

    @Test
    void aFanOutsWordIsAnsweredInTheSpellingOfTheSyntaxAsked() {
        assertEquals("unknown task option 'matrix' (jobrun calls it 'over')",
                Suggestions.unknown("task option", "matrix", GROOVY_MAP_OPTIONS));
        assertEquals("unknown task option 'matrix' (jobrun calls it 'foreach')",
                Suggestions.unknown("task option", "matrix", YAML_TASK_OPTIONS));
    }

    @Test
    void aSynonymWhoseWordThisPlaceDoesNotTakeIsNotSuggested() {
        // 'cwd' is the shell's 'dir'; a task takes no dir, so the task's options are listed instead
        assertEquals("unknown task option 'cwd' (expected one of on, timeout, retries, after, optional, over)",
                Suggestions.unknown("task option", "cwd", GROOVY_MAP_OPTIONS));
    }

    @Test
    void aTypoIsStillAnsweredByTheClosestWord() {
        assertEquals("unknown task option 'timout' (did you mean 'timeout'?)",
                Suggestions.unknown("task option", "timout", GROOVY_MAP_OPTIONS));
    }

    @Test
    void aCiFilesWordsForWorkAreAnsweredWithTasksAndShell() {
        List<String> groovyWords = List.of("task", "map", "shell", "params");
        assertEquals(" (jobrun calls it 'task')", Suggestions.hintOrSynonym("stage", groovyWords));
        assertEquals(" (jobrun calls it 'shell')", Suggestions.hintOrSynonym("sh", groovyWords));
        assertEquals(" (did you mean 'task'?)", Suggestions.hintOrSynonym("taks", groovyWords));
        assertEquals("unknown key 'jobs' (jobrun calls it 'tasks')",
                Suggestions.unknown("key", "jobs", List.of("description", "params", "tasks")));
    }
}
