package io.jobrun.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: {@code FILE [-p key=value ...] [--dry-run] [--quiet] [--no-emoji]}.
 *
 * @param file null with {@code --help} or {@code --version}
 */
record Arguments(String file, Map<String, String> params, boolean dryRun, boolean quiet, boolean noEmoji,
                 boolean help, boolean version) {

    /** A command line that cannot be understood; the message says what was wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Arguments parse(String[] args) throws UsageException {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        boolean dryRun = false;
        boolean quiet = false;
        boolean noEmoji = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new Arguments(null, Map.of(), false, false, false, true, false);
                }
                case "--version" -> {
                    return new Arguments(null, Map.of(), false, false, false, false, true);
                }
                case "--dry-run" -> dryRun = true;
                case "--quiet", "-q" -> quiet = true;
                case "--no-emoji" -> noEmoji = true;
                case "-p", "--param" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs key=value");
                    }
                    param(args[++i], params);
                }
                default -> {
                    if (arg.startsWith("-p") && arg.length() > 2) {
                        param(arg.substring(2), params);
                    } else if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'" + io.jobrun.job.Suggestions.hint(arg,
                                List.of("--help", "--version", "--dry-run", "--quiet", "--no-emoji", "--param")));
                    } else {
                        files.add(arg);
                    }
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no job file given");
        }
        if (files.size() > 1) {
            throw new UsageException("one job file at a time, got " + files.size() + ": " + String.join(" ", files));
        }
        return new Arguments(files.get(0), params, dryRun, quiet, noEmoji, false, false);
    }

    private static void param(String text, Map<String, String> params) throws UsageException {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("-p needs key=value, got '" + text + "'");
        }
        params.put(text.substring(0, equals), text.substring(equals + 1));
    }
}
