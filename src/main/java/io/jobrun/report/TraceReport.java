package io.jobrun.report;

import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * {@code --report trace=PATH}: a tab-separated line per attempt, with Nextflow's trace fields where they mean the
 * same thing, in Nextflow's formats (local time to the millisecond; "1m 5s", "350ms"), so that scripts written for
 * {@code nextflow run -with-trace} read it. A task that never had an attempt (skipped, cancelled while waiting) has
 * one line with attempt "-". Missing values are "-", as in Nextflow.
 *
 * <p>Lines come in the order tasks finished, written as they finish; the folded items of large fan-outs
 * ({@link Folded}) come last, a line per fan-out. Fields: task_id (1-based, in that order), hash (of the job file's content and the instance), native_id
 * (the worker), name, status (COMPLETED, FAILED, ABORTED as in Nextflow for ok, failed and cancelled; TIMEOUT, LEAKED
 * SKIPPED, NOT_SELECTED, and LOST for an attempt whose cluster member left), exit (a shell command's status), attempt, submit, start, complete, duration (submit to complete),
 * realtime (start to complete), then jobrun's own: process (the declared task), tag (the fan-out item), executor,
 * key (the stable instance id) and error.
 */
final class TraceReport implements ReportFormat {
    static final String HEADER = "task_id\thash\tnative_id\tname\tstatus\texit\tattempt\tsubmit\tstart\tcomplete"
            + "\tduration\trealtime\tprocess\ttag\texecutor\tkey\terror";

    @Override
    public String name() {
        return "trace";
    }

    @Override
    public boolean folds() {
        return true;
    }

    @Override
    public Writing writing() {
        return new Writing() {
            private Timestamps timestamps;
            private int id;

            @Override
            public void begin(RunStart start, ReportOut out) {
                timestamps = new Timestamps(start, ZoneId.systemDefault());
                id = 0;
                out.text.append(HEADER).append('\n');
            }

            @Override
            public void task(ReportedTask task, ReportOut out) throws IOException {
                id++;
                String hash = task.hash();
                if (task.attempts().isEmpty()) {
                    line(id, hash, task, null, timestamps, out.text);
                }
                for (AttemptRecord attempt : task.attempts()) {
                    line(id, hash, task, attempt, timestamps, out.text);
                }
                out.flushIfLarge();
            }

            @Override
            public void end(FinishedRun run, ReportOut out) {
                for (Folded fold : run.folded()) {
                    folded(++id, fold, timestamps, out.text);
                }
            }
        };
    }

    private static void line(int id, String hash, ReportedTask task, AttemptRecord attempt, Timestamps timestamps,
                             StringBuilder out) {
        TaskStatus status = attempt == null ? task.status() : attempt.status();
        out.append(id);
        cell(hash, out);
        cell(attempt == null ? null : attempt.worker(), out);
        cell(task.name(), out);
        cell(status(status), out);
        Integer exit = attempt == null ? null : task.exit(attempt);
        cell(exit == null ? null : exit.toString(), out);
        cell(attempt == null ? null : Integer.toString(attempt.number()), out);
        if (attempt == null) {
            cell(null, out);
            cell(null, out);
            cell(timestamps.format(task.ended()), out);
            cell(null, out);
            cell(null, out);
        } else {
            cell(timestamps.format(attempt.submitted()), out);
            cell(attempt.didStart() ? timestamps.format(attempt.started()) : null, out);
            cell(timestamps.format(attempt.ended()), out);
            cell(human(attempt.ended() - attempt.submitted()), out);
            cell(attempt.didStart() ? human(attempt.runNanos()) : null, out);
        }
        cell(task.spec(), out);
        cell(task.item(), out);
        cell(task.instance().executor(), out);
        cell(task.key(), out);
        ErrorFacts error = attempt == null ? task.error() : task.error(attempt);
        cell(error == null ? null : error.at() + ": " + error.message(), out);
        out.append('\n');
    }

    /**
     * One line for the folded items of a fan-out ({@link Folded}): named with their count, from the first one's
     * submission to the last one's end, its realtime their run times added up; key "spec#first-last".
     */
    private static void folded(int id, Folded fold, Timestamps timestamps, StringBuilder out) {
        out.append(id);
        cell(null, out);
        cell(null, out);
        cell(fold.label(), out);
        cell(status(fold.status()), out);
        cell(null, out);
        cell("1", out);
        cell(timestamps.format(fold.firstSubmitted()), out);
        cell(null, out);
        cell(timestamps.format(fold.lastEnded()), out);
        cell(human(fold.lastEnded() - fold.firstSubmitted()), out);
        cell(human(fold.totalRunNanos()), out);
        cell(fold.spec(), out);
        cell(null, out);
        cell(fold.executor(), out);
        cell(fold.spec() + "#" + fold.firstItem() + "-" + fold.lastItem(), out);
        cell(null, out);
        out.append('\n');
    }

    /** Nextflow's words where they mean the same; jobrun's own, upper case, where Nextflow has none. */
    static String status(TaskStatus status) {
        return switch (status) {
            case OK -> "COMPLETED";
            case CACHED -> "CACHED";
            case FAILED -> "FAILED";
            case CANCELLED -> "ABORTED";
            case TIMEOUT -> "TIMEOUT";
            case LEAKED -> "LEAKED";
            case SKIPPED -> "SKIPPED";
            case LOST -> "LOST";
            case NOT_SELECTED -> "NOT_SELECTED";
        };
    }

    /** A cell after a tab; tabs and line breaks in it become spaces, so every line stays one record. */
    private static void cell(String value, StringBuilder out) {
        out.append('\t');
        if (value == null || value.isEmpty()) {
            out.append('-');
            return;
        }
        int start = out.length();
        out.append(value);
        for (int i = start; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                out.setCharAt(i, ' ');
            }
        }
    }

    /** Nextflow's durations: "350ms", "4.2s", "1m 5s", "2h 3m 4s". */
    static String human(long nanos) {
        long millis = Math.max(0, nanos / 1_000_000);
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            long tenths = Math.round(millis / 100.0);
            return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = millis / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? hours + "h " + minutes + "m " + rest + "s" : minutes + "m " + rest + "s";
    }

    /** "2024-05-01 12:00:03.250" in local time, the date and time of day reused while the second stays the same. */
    private static final class Timestamps {
        private final RunStart run;
        private final ZoneId zone;
        private long cachedSecond = Long.MIN_VALUE;
        private String cachedText;

        Timestamps(RunStart run, ZoneId zone) {
            this.run = run;
            this.zone = zone;
        }

        String format(long at) {
            java.time.Instant instant = run.wall(at);
            long second = instant.getEpochSecond();
            if (second != cachedSecond) {
                LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
                // NOTE: not String.format: its first use in a JVM sets up the locale data behind its digits, 20 ms
                // of the first trace line in a fresh bin/jobrun
                StringBuilder text = new StringBuilder(24);
                digits(text, local.getYear(), 4).append('-');
                digits(text, local.getMonthValue(), 2).append('-');
                digits(text, local.getDayOfMonth(), 2).append(' ');
                digits(text, local.getHour(), 2).append(':');
                digits(text, local.getMinute(), 2).append(':');
                digits(text, local.getSecond(), 2).append('.');
                cachedText = text.toString();
                cachedSecond = second;
            }
            return digits(new StringBuilder(24).append(cachedText), instant.getNano() / 1_000_000, 3).toString();
        }

        /** {@code value}, at least {@code width} digits, zeros in front: never negative here (years from 1). */
        private static StringBuilder digits(StringBuilder out, int value, int width) {
            for (int bound = 10, i = 1; i < width; i++, bound *= 10) {
                if (value < bound) {
                    out.append('0');
                }
            }
            return out.append(value);
        }
    }
}
