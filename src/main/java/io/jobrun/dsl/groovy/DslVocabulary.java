package io.jobrun.dsl.groovy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.runtime.DefaultGroovyStaticMethods;

/** The names a job file may call or read without declaring them: the DSL, Script's own, and Groovy's on Object. */
final class DslVocabulary {
    /** The DSL's words, for "did you mean" first. */
    static final Set<String> KEYWORDS = Set.of("description", "params", "executor", "threads", "virtualThreads",
            "processes", "task", "map", "shell", "http", "script", "then", "timeout", "halt", "always", "onSuccess", "onFailure",
            "asCompleted", "wait");

    private static final Set<String> METHODS = collectMethods();
    private static final Set<String> PROPERTIES = collectProperties();

    private DslVocabulary() {
    }

    static Set<String> scriptMethods() {
        return METHODS;
    }

    static Set<String> scriptProperties() {
        return PROPERTIES;
    }

    private static Set<String> collectMethods() {
        Set<String> names = new TreeSet<>();
        for (Method method : JobScript.class.getMethods()) {
            names.add(method.getName());
        }
        for (Class<?> helpers : new Class<?>[] {DefaultGroovyMethods.class, DefaultGroovyStaticMethods.class}) {
            for (Method method : helpers.getMethods()) {
                Class<?>[] parameters = method.getParameterTypes();
                if (Modifier.isStatic(method.getModifiers()) && parameters.length > 0
                        && parameters[0].isAssignableFrom(JobScript.class)) {
                    names.add(method.getName());
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static Set<String> collectProperties() {
        Set<String> names = new TreeSet<>(Set.of("out", "binding", "args", "metaClass", "class", "properties",
                "params", "results", "this", "super"));
        for (Method method : JobScript.class.getMethods()) {
            String name = method.getName();
            if (name.startsWith("get") && name.length() > 3 && method.getParameterCount() == 0) {
                names.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
