package io.jobrun.futures.process;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Locale;

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

    private Subreaper() {
    }

    /** Whether this JVM could become a subreaper: Linux, Java 22 or later, native access, and not turned off. */
    public static boolean possible() {
        return missing() == null;
    }

    /** Why this JVM cannot become a subreaper, in words ("it needs Java 22 or later"), or null when it can. */
    public static String missing() {
        String missing = missingInAWorker();
        return missing != null ? missing : natives().missing();
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
     * What a time limit's message adds where a killed tree's orphans cannot be found, because {@code missing} (from
     * {@link #missing()}): that some may have escaped, and why; empty when {@code missing} is null.
     */
    public static String escapeWarning(String missing) {
        return missing == null ? "" : "; a process it started that cleared its environment and left its session "
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
     * {@code prctl} and {@code waitpid} through the FFM API, looked up by reflection (see the class comment); where
     * they cannot be, the handles are null and {@code missing} says why.
     */
    private record Natives(MethodHandle prctlHandle, MethodHandle waitpidHandle, Object nullAddress, String missing) {
        static Natives load() {
            if (Runtime.version().feature() < 22) {
                return new Natives(null, null, null, "it needs Java 22 or later");
            }
            try {
                Method enabled = Module.class.getMethod("isNativeAccessEnabled");
                if (!(Boolean) enabled.invoke(Subreaper.class.getModule())) {
                    // NOTE: without it the first call prints a warning block on stderr; a job's output is no place
                    return new Natives(null, null, null, "native access is not enabled (--enable-native-access)");
                }
                Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
                Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
                Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
                Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
                Method find = lookupClass.getMethod("find", String.class);
                Method descriptor = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
                Method downcall = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass,
                        optionClass.arrayType());
                Object javaInt = valueLayout.getField("JAVA_INT").get(null);
                Object javaLong = valueLayout.getField("JAVA_LONG").get(null);
                Object address = valueLayout.getField("ADDRESS").get(null);
                Object noOptions = Array.newInstance(optionClass, 0);
                // int prctl(int option, unsigned long arg2, arg3, arg4, arg5); pid_t waitpid(pid_t, int *, int)
                Object prctlType = descriptor.invoke(null, javaInt,
                        layouts(layoutClass, javaInt, javaLong, javaLong, javaLong, javaLong));
                Object waitpidType = descriptor.invoke(null, javaInt, layouts(layoutClass, javaInt, address, javaInt));
                MethodHandle prctl = (MethodHandle) downcall.invoke(linker,
                        ((java.util.Optional<?>) find.invoke(lookup, "prctl")).orElseThrow(), prctlType, noOptions);
                MethodHandle waitpid = (MethodHandle) downcall.invoke(linker,
                        ((java.util.Optional<?>) find.invoke(lookup, "waitpid")).orElseThrow(), waitpidType, noOptions);
                return new Natives(prctl, waitpid, segmentClass.getField("NULL").get(null), null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new Natives(null, null, null, "its native calls are not available here (" + e + ")");
            }
        }

        private static Object layouts(Class<?> layoutClass, Object... layouts) {
            Object array = Array.newInstance(layoutClass, layouts.length);
            for (int i = 0; i < layouts.length; i++) {
                Array.set(array, i, layouts[i]);
            }
            return array;
        }

        int prctl(int option, long value) {
            try {
                return (int) prctlHandle.invokeWithArguments(option, value, 0L, 0L, 0L);
            } catch (Throwable e) {
                return -1;
            }
        }

        long waitpid(long pid, int options) {
            try {
                return (int) waitpidHandle.invokeWithArguments((int) pid, nullAddress, options);
            } catch (Throwable e) {
                return -1;
            }
        }
    }
}
