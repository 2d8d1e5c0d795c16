package io.jobrun.task.script;

import io.jobrun.futures.Task;
import io.jobrun.futures.TimeLimits;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;
import io.jobrun.job.expr.ExpressionValue;
import io.jobrun.job.expr.Template;
import io.jobrun.job.Rendering;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a job's script task: turns a {@link TaskBody.Script} into a {@link Script} with its inputs, and runs it on the
 * calling worker thread with {@link ScriptEngine}. The task's time limit needs nothing here: the core interrupts the
 * worker at the limit, and the engine cancels the script on that interrupt.
 */
public final class ScriptTaskRunner {
    private ScriptTaskRunner() {
    }

    public static Object run(TaskBody.Script body, TaskContext context) throws Exception {
        return io.jobrun.job.Printing.with(context.output(), () -> prepare(body, context).call());
    }

    /**
     * One attempt of a script body with everything it reads from the run resolved here (the arguments' {@code ${...}},
     * the inputs as plain values), so that it runs the same in this JVM or in a process executor's worker JVM.
     */
    public static Call prepare(TaskBody.Script body, TaskContext context) {
        Map<String, Object> roots = Rendering.roots(body.params(), context);
        List<Object> arguments = new ArrayList<>();
        for (Object argument : body.args()) {
            arguments.add(argument instanceof String text && Template.hasExpressions(text)
                    ? plain(Template.parse(text).value(roots)) : argument);
        }
        Script script = script(body);
        if (body.call() != null) {
            script = script.calling(body.call(), arguments);
        }
        ScriptInputs inputs = new ScriptInputs(plain(context.input()), new LinkedHashMap<>(body.params()),
                plainMap(context.results()));
        return new Call(script, inputs, context.taskName());
    }

    /**
     * A prepared script attempt: plain data, so it travels to a worker JVM as it is. What the script prints goes to
     * the output of the task running on the thread ({@link io.jobrun.job.Printing}), never to a log.
     */
    public record Call(Script script, ScriptInputs inputs, String taskName) implements Task<Object> {
        @Override
        public Object call() throws java.io.IOException {
            ScriptEngine engine;
            try {
                // NOTE: loading the polyglot jars and starting the engine is not the task's code, so not its time.
                engine = TimeLimits.offTheClock(ScriptEngine::shared);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.jobrun.futures.CancelledException("interrupted while the script engine started");
            }
            io.jobrun.job.Printed printed = io.jobrun.job.Printing.current();
            try (OutputStream output = printed != null ? printed.stream() : OutputStream.nullOutputStream()) {
                return engine.run(script, inputs, output);
            }
        }
    }

    /** The engine's view of a script body, without its call. */
    public static Script script(TaskBody.Script body) {
        ScriptSource source = ScriptSource.inline(body.code(), body.codeAt().file(), Math.max(1, body.codeAt().line()));
        Set<ScriptPermission> permissions = EnumSet.noneOf(ScriptPermission.class);
        for (String name : body.allow()) {
            permissions.add(ScriptPermission.fromName(name));
        }
        return Script.of(ScriptLanguage.fromName(body.language()), source).allowing(permissions);
    }

    /**
     * A plain value for a script: numbers, strings, booleans, null, lists and maps as they are; a result with
     * properties (an HTTP result) as the map of them; anything else (a shell result) as its text, as {@code ${...}}
     * shows it.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof ExpressionValue properties) {
            return plainMap(properties.properties());
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map);
        }
        if (value instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            for (Object item : items) {
                list.add(plain(item));
            }
            return list;
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> plain = new LinkedHashMap<>();
        map.forEach((key, value) -> plain.put(String.valueOf(key), plain(value)));
        return plain;
    }
}
