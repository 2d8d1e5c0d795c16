package io.jobrun.cli;

import io.jobrun.job.RunSetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: {@code FILE [TASK...] [-p key=value ...] [--dry-run] [--check] [--quiet] [--verbose]
 * [--no-emoji] [--report FORMAT=PATH ...]}, and the run settings the executor kinds declare ({@code --cluster
 * ADDRESS}).
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
 */
record Arguments(List<String> files, Map<String, String> params, boolean dryRun, boolean quiet, boolean noEmoji,
                 boolean help, boolean version, boolean check, Map<String, String> settings, boolean verbose,
                 List<String> tasks, boolean list, boolean json, boolean results, boolean output,
                 List<ReportRequest> reports) {

    Arguments {
        files = List.copyOf(files);
        tasks = List.copyOf(tasks);
        settings = Map.copyOf(settings);
        reports = List.copyOf(reports);
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
        boolean list = false;
        boolean json = false;
        boolean results = false;
        boolean output = false;
        List<ReportRequest> reports = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new Arguments(List.of(), Map.of(), false, false, false, true, false, false, Map.of(), false,
                            List.of(), false, false, false, false, List.of());
                }
                case "--version" -> {
                    return new Arguments(List.of(), Map.of(), false, false, false, false, true, false, Map.of(), false,
                            List.of(), false, false, false, false, List.of());
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
                    } else if (arg.startsWith("-p") && arg.length() > 2) {
                        param(arg.substring(2), params);
                    } else if (arg.startsWith("-")) {
                        List<String> known = new ArrayList<>(List.of("--help", "--version", "--dry-run", "--check",
                                "--quiet", "--verbose", "--no-emoji", "--param", "--list", "--json", "--results", "--output",
                                "--report"));
                        runSettings.forEach(s -> known.add(s.flag()));
                        throw new UsageException("unknown option '" + arg + "'" + io.jobrun.job.Suggestions.hint(arg,
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
        return new Arguments(files, params, dryRun, quiet, noEmoji, false, false, check, settings, verbose, tasks,
                list, json, results, output, reports);
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
