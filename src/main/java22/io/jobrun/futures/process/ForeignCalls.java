package io.jobrun.futures.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@link Subreaper}'s native calls through the FFM API, called directly: this file is compiled for Java 22, where the
 * API is final, by a Maven profile of its own, and is loaded by name only on Java 22 and later
 * ({@link Subreaper.Natives#load()}). Each C function's handle is made when first called.
 */
final class ForeignCalls implements Subreaper.NativeCalls {
    static {
        // NOTE: without native access the first downcall prints a warning block on stderr; a job's output is no place
        if (!ForeignCalls.class.getModule().isNativeAccessEnabled()) {
            Subreaper.Natives.offer(null, "native access is not enabled (--enable-native-access)");
        } else {
            try {
                Subreaper.Natives.offer(new ForeignCalls(), null);
            } catch (RuntimeException | LinkageError e) {
                Subreaper.Natives.offer(null, "its native calls are not available here (" + e + ")");
            }
        }
    }

    private final Linker linker = Linker.nativeLinker();
    private volatile MethodHandle prctl;
    private volatile MethodHandle waitpid;

    private ForeignCalls() {
    }

    @Override
    public int prctl(int option, long value) {
        try {
            MethodHandle handle = prctl;
            if (handle == null) {
                handle = downcall("prctl", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
                prctl = handle;
            }
            return (int) handle.invokeExact(option, value, 0L, 0L, 0L);
        } catch (Throwable e) {
            return -1;
        }
    }

    @Override
    public int waitpid(long pid, int options) {
        try {
            MethodHandle handle = waitpid;
            if (handle == null) {
                handle = downcall("waitpid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                waitpid = handle;
            }
            return (int) handle.invokeExact((int) pid, MemorySegment.NULL, options);
        } catch (Throwable e) {
            return -1;
        }
    }

    private MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
