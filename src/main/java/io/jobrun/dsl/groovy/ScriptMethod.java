package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * {@code this.&countPrimes} on its way to a worker JVM: Groovy refuses to read a method closure back from a stream (a
 * guard against crafted ones), so the method's name is sent instead, and the worker calls it on its own instance of
 * the job file's script, which rehydrating the closure makes its owner.
 */
final class ScriptMethod extends Closure<Object> {
    private final String method;

    ScriptMethod(Object script, String method) {
        super(script, script);
        this.method = method;
    }

    @SuppressWarnings("unused")
    public Object doCall(Object... arguments) {
        return InvokerHelper.invokeMethod(getOwner(), method, arguments);
    }
}
