package io.jobrun.futures.process;

import java.util.Locale;

/**
 * Makes this JVM a child subreaper (Linux's {@code prctl(PR_SET_CHILD_SUBREAPER)}): a process orphaned anywhere below
 * it is re-parented to it rather than to init, so it stays among {@link ProcessHandle#descendants()} even after it
 * cleared its environment ({@code env -i}) and left its session ({@code setsid}), where a {@link ProcessMark} no
 * longer finds it. What this JVM adopts it must also reap ({@link #reap}): the JDK only waits for the processes it
 * started, so a dead orphan would stay a zombie until this JVM ends.
 *
 * <p>The calls go through the Foreign Function and Memory API, final in Java 22, in a class of their own compiled for
 * Java 22 ({@link NativeCalls}), since jobrun is built for Java 21 (where the API is a preview and this class does
 * nothing). {@link #possible()} is false on Java 21,
 * off Linux, without native access ({@code --enable-native-access=ALL-UNNAMED}), and when the system property
 * {@code jobrun.subreaper} is {@code false}; the JVM then behaves as before, and {@link #missing()} says why.
 */
public final class Subreaper {
    /** {@code -Djobrun.subreaper=false} turns this off: for tests of what escapes without it. */
    public static final String PROPERTY = "jobrun.subreaper";
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;

    /** The native calls, or null where they cannot be made; with the reason. Set once, when first needed. */
    private static volatile Natives natives;
    /** Whether {@link #become()} succeeded in this JVM. */
    private static volatile boolean active;
    /** Whether this JVM is to become one before it starts its first process (see {@link #beforeFirstProcess()}). */
    private static volatile boolean wanted;
    /** Whether {@link #beforeFirstProcess()} was called: this is one of jobrun's own JVMs. */
    private static volatile boolean requested;

    private Subreaper() {
    }

    /** Whether this JVM could become a subreaper: Linux, Java 22 or later, native access, and not turned off. */
    public static boolean possible() {
        return missing() == null;
    }

    /** Why this JVM cannot become a subreaper, in words ("it needs Java 22 or later"), or null when it can. */
    public static String missing() {
        String missing = missingInAWorker();
        return missing != null ? missing : natives().missing;
    }

    /**
     * Why a JVM started like this one, with native access enabled (as a pool's worker is), cannot become a
     * subreaper, or null when it can.
     */
    static String missingInAWorker() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "it needs Linux";
        }
        if (Runtime.version().feature() < 22) {
            return "it needs Java 22 or later";
        }
        if ("false".equals(System.getProperty(PROPERTY))) {
            return "it is turned off (-D" + PROPERTY + "=false)";
        }
        return null;
    }

    /**
     * Where a JVM that {@linkplain #beforeFirstProcess() asked} for subreapers gets none in its workers: that a
     * killed task's orphan may have escaped, and why; null where they are subreapers, or none was asked for (a
     * program of its own using the pool, which jobrun's reports do not speak for).
     */
    static String escapeInWorkers() {
        return requested ? escapeWarning(missingInAWorker()) : null;
    }

    /** As {@link #escapeInWorkers()}, for the processes this JVM starts itself. */
    public static String escapeHere() {
        return requested && !active ? escapeWarning(missing()) : null;
    }

    private static String escapeWarning(String missing) {
        return missing == null ? null : "a process it started that cleared its environment and left its session "
                + "(env -i, setsid) may have escaped: finding one needs a subreaper, and " + missing;
    }

    /**
     * Makes this JVM a subreaper, when {@link #possible()}; idempotent.
     *
     * @return whether this JVM is one now
     */
    public static synchronized boolean become() {
        if (!active && possible()) {
            active = natives().prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
        }
        return active;
    }

    /**
     * Makes this JVM become a subreaper just before it starts its first process through
     * {@link AdoptedProcesses#start}, when {@link #possible()}: what jobrun's own JVMs (runner, member, worker) ask at
     * their start. NOTE: not at once, as the first native call costs the FFM API's set-up (about 100 ms on a busy
     * machine), which a run that starts no process should not pay; and no orphan can come before a process does. A
     * JVM that knows it will start one soon does it beside its other work
     * ({@link AdoptedProcesses#prepareInBackground}).
     */
    public static void beforeFirstProcess() {
        requested = true;
        wanted = true;
    }

    /** {@link #become()} if {@link #beforeFirstProcess()} asked it; cheap once done. */
    static synchronized void becomeIfWanted() {
        if (wanted && !active) {
            become();
            wanted = false;
        }
    }

    /** Whether this JVM is a subreaper (see {@link #become()}). */
    public static boolean active() {
        return active;
    }

    /**
     * Reaps {@code process} if it is a child of this JVM that has died: one it adopted, never one the JDK started (the
     * JDK waits for those itself, and would miss their exit status).
     *
     * @return true when it was reaped now
     */
    static boolean reap(ProcessHandle process) {
        if (!active) {
            return false;
        }
        return natives().waitpid(process.pid(), WNOHANG) == process.pid();
    }

    private static Natives natives() {
        Natives loaded = natives;
        if (loaded == null) {
            loaded = Natives.load();
            natives = loaded;
        }
        return loaded;
    }

    /**
     * The native calls this class makes, where they can be made.
     *
     * <p>NOTE: the one implementation, {@code ForeignCalls}, calls the FFM API directly and is compiled for Java 22
     * from {@code src/main/java22} (a Maven profile on JDK 22 and later; a build on JDK 21 has none). It registers
     * itself from its static initializer when {@link Natives#load()} loads it by name: no reflective call, as each
     * one (the API's methods, found by reflection) spun method-handle classes that doubled the set-up, 40-48 against
     * 19-22 ms, on the way to a YAML run's first shell task (README).
     */
    interface NativeCalls {
        /** {@code prctl(option, value, 0, 0, 0)}. */
        int prctl(int option, long value);

        /** {@code waitpid(pid, NULL, options)}. */
        int waitpid(long pid, int options);
    }

    /** The native calls, or null where they cannot be made, with the reason then. */
    static final class Natives {
        private static final String FOREIGN_CALLS = "io.jobrun.futures.process.ForeignCalls";
        /** What {@code ForeignCalls}'s static initializer offered. */
        private static volatile Natives offered;

        /** Why they cannot be had, or null. */
        final String missing;
        private final NativeCalls calls;

        private Natives(NativeCalls calls, String missing) {
            this.calls = calls;
            this.missing = missing;
        }

        /** Called by {@code ForeignCalls} as it initializes: its calls, or why they cannot be made. */
        static void offer(NativeCalls calls, String missing) {
            offered = new Natives(calls, missing);
        }

        static Natives load() {
            if (Runtime.version().feature() < 22 || !"64".equals(System.getProperty("sun.arch.data.model"))) {
                return new Natives(null, "it needs a 64-bit Java 22 or later");
            }
            try {
                Class.forName(FOREIGN_CALLS, true, Subreaper.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return new Natives(null, "this build of jobrun has no native calls (it was built on Java 21)");
            } catch (LinkageError e) {
                return new Natives(null, "its native calls are not available here (" + e + ")");
            }
            Natives loaded = offered;
            return loaded != null ? loaded : new Natives(null, "its native calls did not register");
        }

        int prctl(int option, long value) {
            return calls.prctl(option, value);
        }

        int waitpid(long pid, int options) {
            return calls.waitpid(pid, options);
        }
    }
}
