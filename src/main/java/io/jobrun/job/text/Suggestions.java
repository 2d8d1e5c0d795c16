package io.jobrun.job.text;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** "Did you mean": the closest known word to a misspelt one, by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate nearest to {@code word} when it is close enough to be a typo of it, else empty. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // NOTE: a third of the word, at least 1 and at most 3 edits: 'timout' -> 'timeout' yes, 'on' -> 'at' no.
        int allowed = Math.min(3, Math.max(1, word.length() / 3));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** What Python's executors and other runners call a pool's size, as an option. */
    private static final java.util.Set<String> WORKER_COUNTS = java.util.Set.of("maxworkers", "workers", "numworkers",
            "nworkers", "maxthreads", "threads", "processes", "poolsize", "size", "count", "parallelism",
            "concurrency", "jobs");

    /**
     * An executor option {@code word} that names the pool's size ({@code max_workers}, {@code pool_size}), which is
     * not an option but the kind's own value ({@code threads(4)}, {@code threads: 4}): the unknown-option message
     * saying so; else the plain unknown-option message.
     */
    public static String unknownExecutorOption(String kind, String word, Collection<String> known) {
        String plain = word.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
        String message = unknown(kind + " option", word, known);
        if (!WORKER_COUNTS.contains(plain) || known.contains(word)) {
            return message;
        }
        int hint = message.indexOf(" (");
        return (hint < 0 ? message : message.substring(0, hint)) + " (the number of workers is no option: it is the"
                + " value of " + kind + " itself)";
    }

    /**
     * " (jobrun calls it 'task')" for a word of another runner's that jobrun spells as one of {@code known} (Jenkins's
     * {@code stage}, GitHub's {@code jobs}), else {@link #hint}: ready to append to a message.
     */
    public static String hintOrSynonym(String word, Collection<String> known) {
        return Synonyms.of(word, known).map(s -> " (jobrun calls it '" + s + "')").orElseGet(() -> hint(word, known));
    }

    /** " (did you mean 'timeout'?)" or "" : ready to append to a message. */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /**
     * "unknown task option 'timout' (did you mean 'timeout'?)", or with the words expected when none is close:
     * "unknown shell option 'cwd' (expected one of env, dir)". Both fronts word an unknown option this way.
     *
     * @param noun "task option", "threads option"
     */
    public static String unknown(String noun, String word, Collection<String> known) {
        Optional<String> synonym = Synonyms.of(word, known);
        if (synonym.isPresent()) {
            return "unknown " + noun + " '" + word + "' (jobrun calls it '" + synonym.get() + "')";
        }
        String hint = hint(word, known);
        if (hint.isEmpty() && !known.isEmpty()) {
            hint = " (expected " + (known.size() == 1 ? known.iterator().next() : "one of " + String.join(", ", known))
                    + ")";
        }
        return "unknown " + noun + " '" + word + "'" + hint;
    }

    /** Whether {@code word} is jobrun's {@code jobrunWord} or what another runner calls it ("foreach" for "over"). */
    public static boolean means(String word, String jobrunWord) {
        return word.equals(jobrunWord) || Synonyms.of(word, List.of(jobrunWord)).isPresent();
    }

    /**
     * An option written one level off: "unknown shell option 'timeout': it is one of the task's options, written
     * beside shell(...), as in task 'x', shell('...'), timeout: ...". The fronts say where, in their syntax.
     *
     * @param owner   whose option it is: "the task's", "shell's"
     * @param written where it goes, with an example: "beside shell: in the task"
     */
    public static String misplaced(String noun, String word, String owner, String written) {
        return "unknown " + noun + " '" + word + "': it is one of " + owner + " options, written " + written;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
