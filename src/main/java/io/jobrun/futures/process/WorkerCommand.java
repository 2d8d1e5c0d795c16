package io.jobrun.futures.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of a worker JVM: the parent's own {@code java}, class path and chosen options, plus the start-up
 * aids (Serial GC, no perf data file, the AOT cache when there is one).
 *
 * <p>On Unix the JVM is started through {@code /bin/sh}, which first moves the protocol pipes to descriptors 3 and 4
 * and points 1 at stderr and 0 at /dev/null, then {@code exec}s java (same pid). So nothing that writes to fd 1 (a
 * task, native code, the JVM's own log, a child process with inherited output) can reach the protocol, and nothing
 * that reads fd 0 can eat a frame.
 */
final class WorkerCommand {
    private static final String MOVE_FDS = "exec 3>&1 4<&0 1>&2 0</dev/null; exec \"$0\" \"$@\"";
    private static final Path SHELL = Path.of("/bin/sh");
    /**
     * util-linux's setsid: the worker gets a process group of its own, so that what it started can be killed with it
     * even after it died by itself. Our child is never a group leader, so setsid execs in place and the pid we hold
     * stays the worker's.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path java;
    private final List<String> jvmOptions;
    private final boolean startupCache;
    private final boolean moveFds;
    /** Whether each worker leads a process group of its own (see {@link #SETSID}). */
    private final boolean ownProcessGroup;

    WorkerCommand(ProcessPoolExecutor.Options options) {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        this.java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        this.jvmOptions = jvmOptions(options);
        this.startupCache = options.startupCache();
        this.moveFds = !windows && Files.isExecutable(SHELL);
        this.ownProcessGroup = moveFds && ProcessTree.canKillGroups() && Files.isExecutable(SETSID);
    }

    private static List<String> jvmOptions(ProcessPoolExecutor.Options options) {
        List<String> flags = new ArrayList<>();
        flags.add("-XX:+UseSerialGC"); // starts fastest; a worker runs one task at a time
        flags.add("-XX:-UsePerfData"); // no hsperfdata file to create at start and to leave behind on a kill
        if (hugePagesOffered()) {
            flags.add("-XX:+UseTransparentHugePages"); // a page fault per 2 MB of heap, as bin/jobrun's runner
        }
        if (Runtime.version().feature() >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED"); // the worker's Subreaper calls prctl and waitpid
        }
        String subreaper = System.getProperty(Subreaper.PROPERTY);
        if (subreaper != null) {
            flags.add("-D" + Subreaper.PROPERTY + "=" + subreaper); // a worker does as its pool's JVM was told
        }
        if (options.fastStart()) {
            flags.add("-XX:TieredStopAtLevel=1");
        }
        if (options.maxHeap() != null) {
            flags.add("-Xmx" + options.maxHeap());
        }
        for (Map.Entry<String, String> property : options.systemProperties().entrySet()) {
            flags.add("-D" + property.getKey() + "=" + property.getValue());
        }
        flags.addAll(options.jvmOptions());
        return List.copyOf(flags);
    }

    /**
     * Whether the kernel gives transparent huge pages to a process that asks ({@code madvise}) or to all: only then
     * may a worker ask, as a JVM that asks where they are not offered warns on its output.
     */
    static boolean hugePagesOffered() {
        try {
            String setting = Files.readString(HUGE_PAGES);
            return setting.contains("[always]") || setting.contains("[madvise]");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static final Path HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** Builds the cache now if this JDK supports one; see {@link ProcessPoolExecutor#prepareStartupCache}. */
    boolean prepareStartupCache() {
        return startupCache && AotCache.prepare(java, jvmOptions);
    }

    /** Whether a worker's pid is also the id of a process group holding what it started. */
    boolean ownProcessGroup() {
        return ownProcessGroup;
    }

    /** The command of a worker marked with {@code mark}, which it is told too, to sweep it should its parent die. */
    ProcessBuilder newBuilder(ProcessMark mark) {
        List<String> command = new ArrayList<>();
        if (ownProcessGroup) {
            command.add(SETSID.toString());
        }
        if (moveFds) {
            command.addAll(List.of(SHELL.toString(), "-c", MOVE_FDS));
        }
        command.add(java.toString());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        Optional<AotCache.Artifacts> cache = startupCache ? AotCache.lookup(java, jvmOptions) : Optional.empty();
        if (cache.isPresent()) {
            command.add("-XX:AOTCache=" + cache.get().cache());
            command.add("-Xlog:aot*=error,cds*=error"); // a stale cache is simply not used; no warning per worker
            classPath = cache.get().jar() + File.pathSeparator + classPath;
        }
        command.addAll(List.of("-cp", classPath, WorkerMain.class.getName(), moveFds ? "--fds" : "--stdio",
                WorkerMain.MARK_OPTION + mark.token()));
        ProcessBuilder builder = new ProcessBuilder(command);
        mark.applyTo(builder);
        return builder;
    }
}
