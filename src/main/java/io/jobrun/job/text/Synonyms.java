package io.jobrun.job.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Words people bring from the runners they know for an option jobrun spells otherwise: GitHub Actions' {@code needs},
 * Compose's {@code depends_on}, GitLab's {@code allow_failure}. Edit distance cannot find these ('needs' is nowhere
 * near 'after'), so they are listed. Both fronts consult the one table through {@link Suggestions#unknown}.
 */
final class Synonyms {
    /**
     * Each word, lowercased without '_' and '-', and jobrun's words for it, in each syntax's spelling: the first one
     * a front knows is the answer.
     */
    private static final Map<String, List<String>> WORDS = Map.ofEntries(
            Map.entry("needs", List.of("after")),
            Map.entry("dependson", List.of("after")),
            Map.entry("deps", List.of("after")),
            Map.entry("dependencies", List.of("after")),
            Map.entry("requires", List.of("after")),
            Map.entry("retry", List.of("retries")),
            Map.entry("maxretries", List.of("retries")),
            Map.entry("attempts", List.of("retries")),
            Map.entry("continueonerror", List.of("optional")),
            Map.entry("allowfailure", List.of("optional")),
            Map.entry("ignoreerrors", List.of("optional")),
            Map.entry("timeoutminutes", List.of("timeout")),
            Map.entry("executor", List.of("on")),
            Map.entry("pool", List.of("on")),
            Map.entry("runson", List.of("on")),
            Map.entry("matrix", List.of("foreach", "over")),
            Map.entry("items", List.of("foreach", "over")),
            Map.entry("withitems", List.of("foreach", "over")),
            Map.entry("loop", List.of("foreach", "over")),
            Map.entry("foreach", List.of("over")),
            Map.entry("over", List.of("foreach")),
            Map.entry("if", List.of("when")),
            Map.entry("condition", List.of("when")),
            Map.entry("onlyif", List.of("when")),
            Map.entry("cwd", List.of("dir")),
            Map.entry("workdir", List.of("dir")),
            Map.entry("workingdir", List.of("dir")),
            Map.entry("workingdirectory", List.of("dir")),
            Map.entry("environment", List.of("env")),
            Map.entry("language", List.of("lang")),
            Map.entry("runtime", List.of("lang")),
            // NOTE: a CI file's words for its units of work and their steps: jobrun's are tasks, and shell runs a command
            Map.entry("jobs", List.of("tasks")),
            Map.entry("steps", List.of("tasks")),
            Map.entry("stages", List.of("tasks")),
            Map.entry("stage", List.of("task")),
            Map.entry("step", List.of("task")),
            Map.entry("sh", List.of("shell")),
            Map.entry("bash", List.of("shell")),
            Map.entry("cmd", List.of("command", "shell")),
            Map.entry("cmds", List.of("command", "shell")));

    private Synonyms() {
    }

    /** jobrun's word among {@code known} for {@code word} as other runners write it, if it is one of those. */
    static Optional<String> of(String word, java.util.Collection<String> known) {
        String plain = word.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return WORDS.getOrDefault(plain, List.of()).stream().filter(known::contains).findFirst();
    }
}
