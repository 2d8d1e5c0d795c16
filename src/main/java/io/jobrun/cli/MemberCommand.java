package io.jobrun.cli;

import io.jobrun.cluster.ClusterMember;
import io.jobrun.cluster.ClusterSecret;
import io.jobrun.cluster.MemberOptions;
import io.jobrun.job.text.Suggestions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/jobrun member [--join ADDRESS...] [--bind ADDRESS] [--slots N]}: starts a cluster member that runs the
 * tasks runners send it, until it is stopped (Ctrl-C or SIGTERM).
 */
final class MemberCommand {
    static final String USAGE = "usage: bin/jobrun member [--join ADDRESS...] [--bind ADDRESS] [--slots N]";
    static final String HELP = USAGE + "\n"
            + "\n"
            + "Starts a member of a jobrun cluster: runners whose job files declare a cluster executor, pointed here\n"
            + "with --cluster ADDRESS or JOBRUN_CLUSTER, send it tasks, and it runs them on its own pools.\n"
            + "Every member and runner of a cluster needs the same secret in JOBRUN_CLUSTER_SECRET, or in the file\n"
            + "named by JOBRUN_CLUSTER_SECRET_FILE; a member refuses any task not signed with it. Keep the cluster\n"
            + "on a private network: its traffic is not encrypted (see README, \"Security\").\n"
            + "\n"
            + "Options:\n"
            + "  --bind ADDRESS   the interface to listen on, HOST or HOST:PORT (default 127.0.0.1, port 5701 or\n"
            + "                   the next free one; port 0 lets the system pick)\n"
            + "  --join ADDRESS   another member to form a cluster with, HOST:PORT (repeatable, or several\n"
            + "                   separated by commas); without it the member starts a cluster of its own\n"
            + "  --slots N        at most N tasks at once on this member (default: the number of processors)\n";

    /** The parsed command line. */
    record Parsed(MemberOptions options, boolean help) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);

    MemberCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Parsed parse(List<String> args) throws Arguments.UsageException {
        String host = "127.0.0.1";
        int port = MemberOptions.DEFAULT_PORT;
        boolean autoIncrement = true;
        List<String> join = new ArrayList<>();
        int slots = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    return new Parsed(null, true);
                }
                case "--bind" -> {
                    String address = value(args, ++i, arg);
                    int colon = address.lastIndexOf(':');
                    host = colon < 0 ? address : address.substring(0, colon);
                    if (colon >= 0) {
                        port = port(address.substring(colon + 1), arg);
                        autoIncrement = false;
                    }
                }
                case "--join" -> {
                    join.addAll(addresses(value(args, ++i, arg), arg));
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        join.addAll(addresses(args.get(++i), arg));
                    }
                }
                case "--slots" -> slots = positive(value(args, ++i, arg), arg);
                default -> throw new Arguments.UsageException("unknown option '" + arg + "'"
                        + Suggestions.hint(arg, List.of("--join", "--bind", "--slots", "--help")));
            }
        }
        return new Parsed(new MemberOptions(host, port, autoIncrement, join, slots, "jobrun"), false);
    }

    private static String value(List<String> args, int i, String option) throws Arguments.UsageException {
        if (i >= args.size() || args.get(i).startsWith("-")) {
            throw new Arguments.UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static List<String> addresses(String text, String option) throws Arguments.UsageException {
        List<String> addresses = new ArrayList<>();
        for (String address : text.split(",")) {
            String trimmed = address.strip();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new Arguments.UsageException(option + " needs HOST:PORT, got '" + trimmed + "'");
            }
            port(trimmed.substring(colon + 1), option);
            addresses.add(trimmed);
        }
        return addresses;
    }

    private static int port(String text, String option) throws Arguments.UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new Arguments.UsageException(option + " needs a port from 0 to 65535, got '" + text + "'");
    }

    private static int positive(String text, String option) throws Arguments.UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new Arguments.UsageException(option + " needs a positive number, got '" + text + "'");
    }

    /** Runs the member until {@link #stop()}; returns the exit code. */
    int run(List<String> args, Map<String, String> environment) {
        Parsed arguments;
        try {
            arguments = parse(args);
        } catch (Arguments.UsageException e) {
            err.println("jobrun member: " + e.getMessage());
            err.println(USAGE);
            return Cli.INVALID;
        }
        if (arguments.help()) {
            out.print(HELP);
            return Cli.OK;
        }
        ClusterSecret secret;
        try {
            secret = ClusterSecret.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            err.println("jobrun member: " + e.getMessage());
            return Cli.INVALID;
        }
        MemberOptions options = arguments.options();
        try (ClusterMember member = ClusterMember.start(options, secret)) {
            member.onMembershipChange(line -> err.println("jobrun member: " + line));
            out.println("jobrun member " + member.address() + " ready: " + member.slots() + " slots, pid "
                    + ProcessHandle.current().pid() + ", a cluster of " + member.clusterSize()
                    + (member.clusterSize() == 1 ? " member" : " members"));
            out.flush();
            stop.await();
            err.println("jobrun member: stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            err.println("jobrun member: cannot start: " + e.getMessage());
            return Cli.FAILED;
        } finally {
            // NOTE: what the tasks started (shell trees) ends with the member
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }
        return Cli.OK;
    }

    /** Ctrl-C or SIGTERM: leave the cluster and stop. */
    void stop() {
        stop.countDown();
    }
}
