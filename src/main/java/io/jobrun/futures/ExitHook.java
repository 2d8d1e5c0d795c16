package io.jobrun.futures;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finishes the work of executors nobody shut down before the JVM exits, as CPython does at interpreter exit.
 *
 * <p>Worker threads are daemons, so an idle pool never keeps the JVM alive; in exchange this hook, run at JVM
 * shutdown, calls {@code shutdown(wait=true)} on every executor still open, so submitted work is not lost.
 */
// Public, with register/unregister, for io.jobrun.futures.process.ProcessPoolExecutor, which must join the same hook.
public final class ExitHook {
    /** Executors not shut down yet, in creation order. Guarded by the class. */
    private static final Set<Executor> OPEN = new LinkedHashSet<>();
    private static boolean installed;

    private ExitHook() {
    }

    public static synchronized void register(Executor executor) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitHook::shutdownAll, "jobrun-exit"));
            installed = true;
        }
        OPEN.add(executor);
    }

    public static synchronized void unregister(Executor executor) {
        OPEN.remove(executor);
    }

    private static void shutdownAll() {
        List<Executor> executors;
        synchronized (ExitHook.class) {
            executors = new ArrayList<>(OPEN);
        }
        for (Executor executor : executors) {
            executor.shutdown(true, false);
        }
    }
}
