package io.jobrun.report;

import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import io.jobrun.task.ShellFailedException;
import io.jobrun.task.ShellResult;
import java.util.List;

/**
 * One task instance as every report file states it: the same name, status, instants, error and output whatever the
 * format, so that the reports of one run agree. Texts from the job or its tasks come with secrets masked ({@link SecretMask}).
 *
 * <p>Instants are nanoseconds on the run's ticker; {@link FinishedRun} turns them into dates and offsets.
 */
final class ReportedTask {
    /** Of a result, the JSON report and the timeline show this many characters. */
    static final int PREVIEW_CHARS = 200;

    private final TaskOutcome outcome;
    private final RunStart start;
    /** When the task was given its status, for one that never had an attempt (skipped, cancelled while waiting). */
    private final long finishedAt;

    ReportedTask(TaskOutcome outcome, RunStart start, long finishedAt) {
        this.outcome = outcome;
        this.start = start;
        this.finishedAt = finishedAt;
    }

    /** The run it belongs to. */
    RunStart start() {
        return start;
    }

    TaskOutcome outcome() {
        return outcome;
    }

    TaskInstance instance() {
        return outcome.task();
    }

    TaskStatus status() {
        return outcome.status();
    }

    List<AttemptRecord> attempts() {
        return outcome.history();
    }

    /**
     * A status as the report files write it: its word, with "not_selected" for the one whose word has a space, so that
     * it serves as a JSON key and a CSS class.
     */
    static String word(TaskStatus status) {
        return status == TaskStatus.NOT_SELECTED ? "not_selected" : status.word();
    }

    /** Stable across runs: "analyze#3". */
    String key() {
        return outcome.task().id().toString();
    }

    /** As the summary shows it: "analyze[a.txt]". */
    String name() {
        return outcome.task().name();
    }

    /** The declared task's name; for work that code submitted, its label. */
    String spec() {
        return outcome.task().id().spec();
    }

    /** The fan-out item as text, at most {@link #PREVIEW_CHARS} characters, or null. */
    String item() {
        Object item = outcome.task().item();
        return item == null ? null : Preview.cut(String.valueOf(item), PREVIEW_CHARS);
    }

    /** "jobs/etl.groovy:12": where the task is defined (for submitted work, the task that submitted it). */
    String definedAt() {
        return outcome.task().position().toString();
    }

    int line() {
        return outcome.task().position().line();
    }

    /** When its first attempt was submitted; for a task that never had one, when it was given its status. */
    long submitted() {
        return attempts().isEmpty() ? finishedAt : attempts().get(0).submitted();
    }

    /** When its first attempt started, or {@link AttemptRecord#NEVER}. */
    long started() {
        for (AttemptRecord attempt : attempts()) {
            if (attempt.didStart()) {
                return attempt.started();
            }
        }
        return AttemptRecord.NEVER;
    }

    /** When its last attempt ended; for a task that never had one, when it was given its status. */
    long ended() {
        return attempts().isEmpty() ? finishedAt : attempts().get(attempts().size() - 1).ended();
    }

    /** Time its attempts waited for a worker, added up. */
    long queueNanos() {
        long sum = 0;
        for (AttemptRecord attempt : attempts()) {
            sum += waited(attempt);
        }
        return sum;
    }

    static long waited(AttemptRecord attempt) {
        long until = attempt.didStart() ? attempt.started() : attempt.ended();
        return Math.max(0, until - attempt.submitted());
    }

    /** Time its attempts ran, added up. */
    long runNanos() {
        return outcome.runNanos();
    }

    /** The worker of its last attempt that started, or null. */
    String worker() {
        for (int i = attempts().size() - 1; i >= 0; i--) {
            if (attempts().get(i).worker() != null) {
                return attempts().get(i).worker();
            }
        }
        return null;
    }

    /** Why it did not succeed, or null. */
    ErrorFacts error() {
        return ErrorFacts.of(outcome.error(), outcome.task());
    }

    /** Why {@code attempt} did not succeed, or null. */
    ErrorFacts error(AttemptRecord attempt) {
        return ErrorFacts.of(attempt.error(), outcome.task());
    }

    /** The exit status of a shell attempt, or null for other task kinds and attempts that did not end by exiting. */
    Integer exit(AttemptRecord attempt) {
        if (attempt.error() instanceof ShellFailedException shell) {
            return shell.exitStatus();
        }
        boolean last = attempt == attempts().get(attempts().size() - 1);
        if (last && attempt.status() == TaskStatus.OK && outcome.result() instanceof ShellResult shell) {
            return shell.exitStatus();
        }
        return null;
    }

    /** The result as a bounded preview with the hash of its whole text, or null when there is none. */
    Preview result() {
        Object result = outcome.result();
        if (result == null || outcome.status() != TaskStatus.OK) {
            return null;
        }
        return Preview.of(String.valueOf(result), PREVIEW_CHARS);
    }

    /** What its last attempt printed, all sources in one stream: its first and last lines. */
    List<String> output() {
        return outcome.output();
    }

    /**
     * What a JUnit reader shows as the test's output: what the task printed, all sources in one stream; for an
     * outcome that carries no printed lines, a shell task's stdout (for a failed one: the last lines of both
     * streams), or "".
     */
    String printed() {
        return outcome.output().isEmpty() ? stdout() : String.join("\n", outcome.output()) + "\n";
    }

    /** What a shell task printed on stdout (for a failed one: the last lines of both streams), or "". */
    String stdout() {
        if (outcome.result() instanceof ShellResult shell) {
            return shell.stdout();
        }
        if (outcome.error() instanceof ShellFailedException shell) {
            return String.join("\n", shell.outputTail());
        }
        return "";
    }

    /**
     * What a successful shell task printed on stderr, when the task's printed lines are not kept (they hold stderr
     * already), or "".
     */
    String stderr() {
        return outcome.output().isEmpty() && outcome.result() instanceof ShellResult shell ? shell.stderr() : "";
    }

    /**
     * "3f/a2c41b": Nextflow's form of a hash, naming this instance of this job file's content. A short FNV-1a hash
     * of the file's SHA-256 and the instance's key: an identifier, not a digest, and cheap at 100,000 tasks.
     */
    String hash() {
        String jobSha256 = start.identity().jobSha256();
        long hash = 0xcbf29ce484222325L;
        String text = (jobSha256 == null ? "" : jobSha256) + "\n" + key();
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        String hex = Integer.toHexString((int) (hash ^ hash >>> 32));
        hex = "0".repeat(8 - hex.length()) + hex;
        return hex.substring(0, 2) + "/" + hex.substring(2, 8);
    }
}
