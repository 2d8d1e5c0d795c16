package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.codehaus.groovy.vmplugin.v8.IndyInterface;

/**
 * A JVM of its own for {@link InvokeShapesTests}, run with its class loading logged: {@link InvokeShapes#prepare()},
 * then {@link Marker} loads, then Groovy's bootstrap links and calls the warm-up's two call sites. Whatever Groovy's
 * bootstrap spins that the preparation did not shows in the log after the marker.
 */
public final class InvokeShapesProbe {
    private InvokeShapesProbe() {
    }

    public static void main(String[] args) throws Throwable {
        InvokeShapes.prepare();
        Class.forName(Marker.class.getName());
        RuntimeWarmup.Shapes script = new RuntimeWarmup.Shapes();
        Closure<Object> closure = new Closure<Object>(script) {
            @SuppressWarnings("unused") // called by Groovy
            public Object doCall(Object it) {
                return it;
            }
        };
        Object value = site("__at", MethodType.methodType(Object.class, RuntimeWarmup.Shapes.class, Integer.class,
                Integer.class, List.class, Closure.class)).invokeExact(script, (Integer) 1, (Integer) 1,
                (List<?>) List.of(), (Closure<?>) closure);
        Object task = site("task", MethodType.methodType(Object.class, RuntimeWarmup.Shapes.class, String.class,
                Object.class)).invokeExact(script, "probe", value);
        System.out.println("linked: " + (task == closure));
    }

    private static MethodHandle site(String method, MethodType type) {
        return IndyInterface.bootstrap(MethodHandles.lookup(), "invoke", type, method, IndyInterface.THIS_CALL)
                .dynamicInvoker();
    }

    /** Loaded between the preparation and Groovy's bootstrap, to mark the place in the log. */
    static final class Marker {
        private Marker() {
        }
    }
}
