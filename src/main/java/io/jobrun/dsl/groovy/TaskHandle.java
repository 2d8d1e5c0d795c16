package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import java.util.Map;

/** What {@code task(...)} returns, so that stages chain: {@code task('fetch') { ... }.then('shout') { body -> ... }}. */
public final class TaskHandle {
    private final JobBuilder builder;
    private final String name;

    TaskHandle(JobBuilder builder, String name) {
        this.builder = builder;
        this.name = name;
    }

    /** A task that runs after this one succeeds and gets its result as its argument. */
    public TaskHandle then(String next, Closure<?> body) {
        return then(Map.of(), next, body);
    }

    public TaskHandle then(Map<String, ?> options, String next, Closure<?> body) {
        return builder.then(name, options, next, body);
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "task '" + name + "'";
    }
}
