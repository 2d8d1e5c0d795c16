package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.Script;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.vmplugin.v8.IndyInterface;

/**
 * Groovy's runtime made ready on a thread of its own while the command line starts and reads the job file: the
 * metaclass registry (Groovy's methods on the JDK's classes, the extension modules), the metaclasses of a job file's
 * base class and of closures, and the invokedynamic support that links a file's calls. That is most of the time a
 * kept file takes to read, and none of it depends on the file.
 *
 * <p>NOTE: Groovy's runtime classes initialize one another in cycles, so two threads initializing them at once can
 * deadlock. The reader therefore touches no Groovy class before {@link #await()} returns.
 */
final class RuntimeWarmup {
    private static Thread thread;

    private RuntimeWarmup() {
    }

    /** Starts the warm-up, once per JVM. */
    static synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("jobrun-groovy-warmup").start(RuntimeWarmup::run);
        }
    }

    /**
     * Waits for the warm-up to end, when one was started; a failed warm-up only means the reader does it itself.
     * Meanwhile this thread, which would only wait, does the JDK's share of it ({@link #jdkShare()}).
     */
    static void await() {
        Thread started;
        synchronized (RuntimeWarmup.class) {
            started = thread;
        }
        if (started == null) {
            return;
        }
        if (started.isAlive()) {
            jdkShare();
        }
        boolean interrupted = false;
        while (true) {
            try {
                started.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // NOTE: a stop signal while the file is read: the reader still needs the runtime
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the warm-up's Groovy code asks of the JDK, which the JDK keeps, done ahead: opening every jar of the class
     * path (the metaclass registry looks in each for extension modules: Hazelcast's has 12,000 entries) and the bean
     * introspection of the job base class (its metaclass's properties), which the JDK caches for every thread of the
     * group. NOTE: both load classes but initialize no Groovy class, so they cannot deadlock with the warm-up.
     */
    private static void jdkShare() {
        try {
            Enumeration<URL> modules = RuntimeWarmup.class.getClassLoader().getResources(EXTENSION_MODULES);
            while (modules.hasMoreElements()) {
                modules.nextElement();
            }
            Introspector.getBeanInfo(JobScript.class);
        } catch (IOException | IntrospectionException | RuntimeException e) {
            // nothing is lost: the warm-up does it itself
        }
        InvokeShapes.prepare();
    }

    /** Where Groovy's registry looks for extension modules in a jar (ExtensionModuleScanner.MODULE_META_INF_FILE). */
    private static final String EXTENSION_MODULES = "META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule";

    /**
     * A call site as a job file's top level has it, linked by Groovy's invokedynamic bootstrap. NOTE: its callers call
     * it with {@code invokeExact}, as the file's code does: {@code invokeWithArguments} would spin adapters of its own.
     */
    private static MethodHandle site(String method, MethodType type) {
        CallSite site = IndyInterface.bootstrap(MethodHandles.lookup(), "invoke", type, method,
                IndyInterface.THIS_CALL);
        return site.dynamicInvoker();
    }

    /**
     * A script with the shapes of the DSL's most common calls ({@link JobScript#__at} around a closure, then
     * {@code task(name, closure)}), so that the method handles Groovy builds to link them are ready when the job
     * file's own calls of the same shapes link.
     */
    public static final class Shapes extends Script {
        @Override
        public Object run() {
            return null;
        }

        public Object __at(int line, int column, List<?> parts, Object value) {
            return value;
        }

        public Object task(String name, Closure<?> body) {
            return body;
        }

        public Object task(String name, Map<String, ?> body) {
            return body;
        }
    }

    private static void run() {
        try {
            InvokerHelper.getMetaClass(JobScript.class);
            Shapes script = new Shapes();
            Closure<Object> closure = new Closure<Object>(script) {
                @SuppressWarnings("unused") // called by Groovy
                public Object doCall(Object it) {
                    return it;
                }
            };
            Object value = site("__at", MethodType.methodType(Object.class, Shapes.class, Integer.class,
                    Integer.class, List.class, Closure.class)).invokeExact(script, (Integer) 1, (Integer) 1,
                    (List<?>) List.of(), (Closure<?>) closure);
            Object unused = site("task", MethodType.methodType(Object.class, Shapes.class, String.class,
                    Object.class)).invokeExact(script, "warm-up", value);
            closure.call();
        } catch (Throwable e) { // NOTE: invokeExact declares Throwable
            // nothing is lost: reading the file makes the runtime ready as it goes
        }
    }
}
