package io.jobrun.cli;

import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/jobrun log [JOB] [RUN] [--journal DIR]}: the runs in the journal, one line each (of every job, or of
 * JOB); with RUN, that run's instances with status, attempts and time. And {@code bin/jobrun clean --keep N [JOB]
 * [--journal DIR]}: deletes all but the newest N journals of each job (or of JOB); live runs are kept.
 */
final class LogCommand {
    static final String LOG_USAGE = "usage: bin/jobrun log [JOB] [RUN] [--journal DIR]";
    static final String CLEAN_USAGE = "usage: bin/jobrun clean --keep N [JOB] [--journal DIR]";
    static final String LOG_HELP = LOG_USAGE + "\n"
            + "Lists the runs in the journal, each job's oldest first, with exit status and counts; JOB (a .groovy or\n"
            + ".yaml file) lists only its runs. With RUN (an id from that list), lists that run's task instances with\n"
            + "their status, attempts and time.\n"
            + "  --journal DIR   the journal's folder (default .jobrun in the current directory)\n";
    static final String CLEAN_HELP = CLEAN_USAGE + "\n"
            + "Deletes all but the newest N runs' journals of each job, or of JOB only; a run still going is kept.\n"
            + "  --keep N        how many runs of each job to keep (0 deletes all that have ended)\n"
            + "  --journal DIR   the journal's folder (default .jobrun in the current directory)\n";

    private final PrintStream out;
    private final PrintStream err;

    LogCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int log(List<String> args) {
        Path root = JournalStore.DEFAULT_ROOT;
        String job = null;
        String run = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(LOG_HELP);
                return Cli.OK;
            } else if (arg.equals("--journal") && i + 1 < args.size()) {
                root = Path.of(args.get(++i));
            } else if (arg.startsWith("-")) {
                return usage(LOG_USAGE, "unknown option '" + arg + "'");
            } else if (job == null && (arg.endsWith(".groovy") || arg.endsWith(".yaml") || arg.endsWith(".yml"))) {
                job = arg;
            } else if (run == null) {
                run = arg;
            } else {
                return usage(LOG_USAGE, "too many arguments");
            }
        }
        JournalStore store = new JournalStore(root);
        try {
            List<Path> journals = job != null ? journalsOf(store, job) : store.allJournals();
            if (run == null) {
                if (journals.isEmpty()) {
                    // NOTE: said, not left blank: an empty list reads as a command that did nothing
                    err.println("jobrun: no runs" + (job == null ? "" : " of " + job) + " recorded in " + root
                            + " (each run is, unless it is given --no-journal or another --journal)");
                }
                listRuns(journals);
                return Cli.OK;
            }
            for (Path journal : journals) {
                if (JournalStore.runId(journal).equals(run)) {
                    listInstances(RecordedRun.read(journal));
                    return Cli.OK;
                }
            }
            err.println("jobrun: no run " + run + " in " + root + " (bin/jobrun log" + (job == null ? "" : " " + job)
                    + " lists them)");
            return Cli.INVALID;
        } catch (IOException e) {
            err.println("jobrun: cannot read the journal in " + root + ": " + e.getMessage());
            return Cli.FAILED;
        }
    }

    int clean(List<String> args) {
        Path root = JournalStore.DEFAULT_ROOT;
        Integer keep = null;
        String job = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(CLEAN_HELP);
                return Cli.OK;
            } else if (arg.equals("--journal") && i + 1 < args.size()) {
                root = Path.of(args.get(++i));
            } else if (arg.equals("--keep") && i + 1 < args.size()) {
                try {
                    keep = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    return usage(CLEAN_USAGE, "--keep needs a number, got '" + args.get(i) + "'");
                }
            } else if (!arg.startsWith("-") && job == null) {
                job = arg;
            } else {
                return usage(CLEAN_USAGE, "unknown argument '" + arg + "'");
            }
        }
        if (keep == null || keep < 0) {
            return usage(CLEAN_USAGE, "--keep N is needed: how many runs of each job to keep");
        }
        JournalStore store = new JournalStore(root);
        try {
            Map<Path, List<Path>> byJob = new LinkedHashMap<>();
            for (Path journal : job != null ? journalsOf(store, job) : store.allJournals()) {
                byJob.computeIfAbsent(journal.getParent(), d -> new ArrayList<>()).add(journal);
            }
            int deleted = 0;
            for (List<Path> journals : byJob.values()) {
                deleted += store.clean(journals, keep).size();
            }
            out.println("deleted " + deleted + (deleted == 1 ? " journal" : " journals") + ", kept the newest " + keep
                    + " of each job");
            return Cli.OK;
        } catch (IOException e) {
            err.println("jobrun: cannot clean the journal in " + root + ": " + e.getMessage());
            return Cli.FAILED;
        }
    }

    private static List<Path> journalsOf(JournalStore store, String job) throws IOException {
        List<Path> journals = new ArrayList<>();
        for (String id : store.runs(job)) {
            journals.add(store.journal(job, id));
        }
        return journals;
    }

    private void listRuns(List<Path> journals) throws IOException {
        for (Path journal : journals) {
            RecordedRun run;
            try {
                run = RecordedRun.read(journal);
            } catch (RecordedRun.OlderFormat e) {
                out.println(JournalStore.runId(journal) + "  written by " + RecordedRun.OlderFormat.describe(e.version()));
                continue;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            run.ended().values().forEach(e -> counts.merge(e.status(), 1, Integer::sum));
            StringBuilder line = new StringBuilder(run.id()).append("  ").append(run.header("job"));
            line.append("  ").append(JournalStore.live(journal) ? "running"
                    : run.finished() ? "exit " + run.exitCode() : "stopped");
            counts.forEach((status, count) -> line.append(", ").append(count).append(' ').append(status));
            if (!run.unfinished().isEmpty()) {
                line.append(", ").append(run.unfinished().size()).append(" unfinished");
            }
            out.println(line);
        }
    }

    private void listInstances(RecordedRun run) {
        out.println("run " + run.id() + " of " + run.header("job") + (run.finished() ? ", exit " + run.exitCode()
                : ", stopped before its end"));
        int width = 4;
        for (RecordedRun.Ended ended : run.ended().values()) {
            width = Math.max(width, ended.task().length());
        }
        for (String task : run.unfinished().values()) {
            width = Math.max(width, task.length());
        }
        out.println(pad("task", width) + "  status     attempts  time");
        for (RecordedRun.Ended ended : run.ended().values()) {
            out.println(pad(ended.task(), width) + "  " + pad(ended.status(), 9) + "  " + pad(
                    String.valueOf(ended.attempts()), 8) + "  " + ended.ms() + " ms"
                    + (ended.why() == null ? "" : "  (" + ended.why() + ")"));
        }
        for (String task : run.unfinished().values()) {
            out.println(pad(task, width) + "  running    -         -  (when the run stopped)");
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private int usage(String usage, String problem) {
        err.println("jobrun: " + problem);
        err.println(usage);
        return Cli.INVALID;
    }
}
