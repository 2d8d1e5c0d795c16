package io.jobrun.cli;

import io.jobrun.job.RunSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: {@code FILE [TASK...] [-p key=value ...] [--dry-run] [--check] [--quiet] [--verbose]
 * [--no-emoji] [--report FORMAT=PATH ...] [--env-file FILE ...]}, the journal's and resume's flags ({@link Durability}), and the run
 * settings the executor kinds declare ({@code --cluster ADDRESS}).
 *
 * @param files    empty with {@code --help} or {@code --version}; several run (or are checked) one after another
 * @param tasks    the task names or patterns to run, after the one file; empty for the job's default (or all)
 * @param list     print the tasks of each file ({@code --list}), as JSON with {@code json}; run nothing
 * @param results  print each task's whole result after the summary
 * @param output   show each line tasks print as it is printed, tagged with the task's name
 * @param check    validate only: print every problem, run nothing
 * @param settings the run settings given, by the environment variable each stands for
 * @param verbose  every row of every fan-out in the summary
 * @param reports  the report files asked for with {@code --report FORMAT=PATH}, in order
 * @param envFiles the env files of {@code --env-file FILE}, in order: a later one wins
 */
record Arguments(List<String> files, Map<String, String> params, boolean dryRun, boolean quiet, boolean noEmoji,
                 boolean help, boolean version, boolean check, Map<String, String> settings, boolean verbose,
                 List<String> tasks, boolean list, boolean json, boolean results,
                 boolean output, List<ReportRequest> reports, Durability durability, List<String> envFiles) {
    /** A run's id, as {@code --resume RUN} takes it: anything else after {@code --resume} is a file or a task. */
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile(
            "\\d{8}T\\d{6}\\.\\d{3}Z-\\d+(-\\d+)?");

    Arguments {
        files = List.copyOf(files);
        tasks = List.copyOf(tasks);
        settings = Map.copyOf(settings);
        reports = List.copyOf(reports);
        envFiles = List.copyOf(envFiles);
    }

    /** {@code --report json=out/run.json}: a report's format and the file it goes to. */
    record ReportRequest(String format, String path) {
    }

    /** The first file, or null with {@code --help} or {@code --version}. */
    String file() {
        return files.isEmpty() ? null : files.get(0);
    }

    /** A command line that cannot be understood; the message says what was wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code args}, where {@code runSettings} are the flags the executor kinds add. */
    static Arguments parse(String[] args, List<RunSetting> runSettings) throws UsageException {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        boolean dryRun = false;
        boolean quiet = false;
        boolean noEmoji = false;
        boolean check = false;
        boolean verbose = false;
        boolean journal = true;
        Path journalDirectory = null;
        String resume = null;
        boolean explain = false;
        List<String> rerun = new ArrayList<>();
        List<String> markOk = new ArrayList<>();
        boolean list = false;
        boolean json = false;
        boolean results = false;
        boolean output = false;
        List<ReportRequest> reports = new ArrayList<>();
        List<String> envFiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new Arguments(List.of(), Map.of(), false, false, false, true, false, false, Map.of(), false,
                            List.of(), false, false, false, false, List.of(), Durability.DEFAULT, List.of());
                }
                case "--version" -> {
                    return new Arguments(List.of(), Map.of(), false, false, false, false, true, false, Map.of(), false,
                            List.of(), false, false, false, false, List.of(), Durability.DEFAULT, List.of());
                }
                case "--report" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--report needs FORMAT=PATH");
                    }
                    reports.add(report(args[++i]));
                }
                case "--dry-run" -> dryRun = true;
                case "--check" -> check = true;
                case "--list", "-l" -> list = true;
                case "--json" -> json = true;
                case "--results" -> results = true;
                case "--output" -> output = true;
                case "--verbose", "-v" -> verbose = true;
                case "--quiet", "-q" -> quiet = true;
                case "--no-emoji" -> noEmoji = true;
                case "--no-journal" -> journal = false;
                case "--env-file" -> envFiles.add(value(args, ++i, arg, "FILE"));
                case "--journal" -> journalDirectory = Path.of(value(args, ++i, arg, "DIR"));
                case "--explain" -> explain = true;
                case "--rerun" -> rerun.add(value(args, ++i, arg, "NAME or GLOB"));
                case "--mark-ok" -> markOk.add(value(args, ++i, arg, "NAME"));
                case "--resume" -> resume = i + 1 < args.length && RUN_ID.matcher(args[i + 1]).matches() ? args[++i]
                        : "";
                case "-p", "--param" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs key=value");
                    }
                    param(args[++i], params);
                }
                default -> {
                    RunSetting setting = find(runSettings, arg);
                    if (setting != null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs " + setting.valueName());
                        }
                        settings.merge(setting.variable(), args[++i], (first, next) -> first + "," + next);
                    } else if (arg.startsWith("--resume=")) {
                        resume = arg.substring("--resume=".length());
                    } else if (arg.startsWith("-p") && arg.length() > 2) {
                        param(arg.substring(2), params);
                    } else if (arg.startsWith("-")) {
                        List<String> known = new ArrayList<>(List.of("--help", "--version", "--dry-run", "--check",
                                "--quiet", "--verbose", "--no-emoji", "--param", "--list", "--json", "--results",
                                "--output", "--report", "--resume", "--rerun", "--mark-ok", "--explain", "--journal",
                                "--no-journal", "--env-file"));
                        runSettings.forEach(s -> known.add(s.flag()));
                        throw new UsageException("unknown option '" + arg + "'" + io.jobrun.job.text.Suggestions.hint(arg,
                                known));
                    } else if (files.isEmpty() || Fronts.STANDARD.forFile(arg) != null) {
                        files.add(arg);
                    } else {
                        tasks.add(arg);
                    }
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no job file given");
        }
        if (!tasks.isEmpty() && files.size() > 1) {
            throw new UsageException("task names (" + String.join(", ", tasks) + ") go with one job file, got "
                    + files.size());
        }
        if (json && !list) {
            throw new UsageException("--json goes with --list");
        }
        if (list && !tasks.isEmpty()) {
            throw new UsageException("--list lists every task; it takes no task names (" + String.join(", ", tasks)
                    + ")");
        }
        if (explain && !dryRun) {
            throw new UsageException("--explain goes with --dry-run: it says what a run would do");
        }
        if (!journal && resume != null) {
            throw new UsageException("--resume needs the journal; drop --no-journal");
        }
        Durability durability = new Durability(journal, journalDirectory, resume, explain, rerun, markOk);
        return new Arguments(files, params, dryRun, quiet, noEmoji, false, false, check, settings, verbose, tasks,
                list, json, results, output, reports, durability, envFiles);
    }

    private static String value(String[] args, int i, String flag, String what) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(flag + " needs " + what);
        }
        return args[i];
    }

    private static RunSetting find(List<RunSetting> runSettings, String flag) {
        for (RunSetting setting : runSettings) {
            if (setting.flag().equals(flag)) {
                return setting;
            }
        }
        return null;
    }

    private static ReportRequest report(String text) throws UsageException {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new UsageException("--report needs FORMAT=PATH, got '" + text + "'");
        }
        return new ReportRequest(text.substring(0, equals), text.substring(equals + 1));
    }

    private static void param(String text, Map<String, String> params) throws UsageException {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("-p needs key=value, got '" + text + "'");
        }
        params.put(text.substring(0, equals), text.substring(equals + 1));
    }
}
