package io.jobrun.futures.process;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes this JVM a child subreaper (Linux's {@code prctl(PR_SET_CHILD_SUBREAPER)}): a process orphaned anywhere below
 * it is re-parented to it rather than to init, so it stays among {@link ProcessHandle#descendants()} even after it
 * cleared its environment ({@code env -i}) and left its session ({@code setsid}), where a {@link ProcessMark} no
 * longer finds it. What this JVM adopts it must also reap ({@link #reap}): the JDK only waits for the processes it
 * started, so a dead orphan would stay a zombie until this JVM ends.
 *
 * <p>The calls go through the Foreign Function and Memory API, final in Java 22, by reflection, since jobrun is built
 * for Java 21 (where the API is a preview and this class does nothing). {@link #possible()} is false on Java 21,
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
     * {@code prctl} and {@code waitpid} through the FFM API, looked up by reflection (see the class comment), each
     * when first needed; where they cannot be, {@code missing} says why. NOTE: the handles are called with
     * {@code invokeExact}, which compiles to a call of their exact type with no FFM class in it: {@code waitpid}'s
     * {@code int *} is declared a 64-bit integer (0 for NULL), which Linux's 64-bit calling conventions pass alike.
     */
    private static final class Natives {
        private static final MethodType PRCTL = MethodType.methodType(int.class, int.class, long.class, long.class,
                long.class, long.class);
        private static final MethodType WAITPID = MethodType.methodType(int.class, int.class, long.class, int.class);

        /** Why they cannot be had, or null. */
        final String missing;
        private final Object linker;
        private volatile MethodHandle prctl;
        private volatile MethodHandle waitpid;

        private Natives(Object linker, String missing) {
            this.linker = linker;
            this.missing = missing;
        }

        static Natives load() {
            if (Runtime.version().feature() < 22 || !"64".equals(System.getProperty("sun.arch.data.model"))) {
                return new Natives(null, "it needs a 64-bit Java 22 or later");
            }
            try {
                Method enabled = Module.class.getMethod("isNativeAccessEnabled");
                if (!(Boolean) enabled.invoke(Subreaper.class.getModule())) {
                    // NOTE: without it the first call prints a warning block on stderr; a job's output is no place
                    return new Natives(null, "native access is not enabled (--enable-native-access)");
                }
                return new Natives(Class.forName("java.lang.foreign.Linker").getMethod("nativeLinker").invoke(null),
                        null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new Natives(null, "its native calls are not available here (" + e + ")");
            }
        }

        int prctl(int option, long value) {
            try {
                MethodHandle handle = prctl;
                if (handle == null) {
                    handle = downcall("prctl", PRCTL);
                    prctl = handle;
                }
                return (int) handle.invokeExact(option, value, 0L, 0L, 0L);
            } catch (Throwable e) {
                return -1;
            }
        }

        int waitpid(long pid, int options) {
            try {
                MethodHandle handle = waitpid;
                if (handle == null) {
                    handle = downcall("waitpid", WAITPID);
                    waitpid = handle;
                }
                return (int) handle.invokeExact((int) pid, 0L, options);
            } catch (Throwable e) {
                return -1;
            }
        }

        /** The C function {@code name} as a method handle of {@code type}, whose ints and longs are C's. */
        private MethodHandle downcall(String name, MethodType type) throws ReflectiveOperationException {
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
            Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
            Object symbol = ((Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
                    .getMethod("find", String.class).invoke(lookup, name)).orElseThrow();
            Object[] parameters = (Object[]) Array.newInstance(layoutClass, type.parameterCount());
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = layout(valueLayout, type.parameterType(i));
            }
            Object descriptor = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType())
                    .invoke(null, layout(valueLayout, type.returnType()), parameters);
            return (MethodHandle) linkerClass.getMethod("downcallHandle", Class.forName(
                    "java.lang.foreign.MemorySegment"), descriptorClass, optionClass.arrayType())
                    .invoke(linker, symbol, descriptor, Array.newInstance(optionClass, 0));
        }

        private static Object layout(Class<?> valueLayout, Class<?> type) throws ReflectiveOperationException {
            return valueLayout.getField(type == int.class ? "JAVA_INT" : "JAVA_LONG").get(null);
        }
    }
}
