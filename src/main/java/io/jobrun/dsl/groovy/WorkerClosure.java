package io.jobrun.dsl.groovy;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.Reference;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.TaskFunction;
import io.jobrun.futures.process.FilteredSerialization;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.Parameters;
import io.jobrun.job.Sendable;
import io.jobrun.job.TaskContext;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * One attempt of a job-file closure, sent to a worker JVM with what it needs there, the job file's code included.
 *
 * <p>Here, the closure is dehydrated (owner, delegate and this are the script, which does not travel) and serialized
 * with the task's input, the results so far and the parameters into {@code payload}, whose classes may be the job
 * file's own. Before its first task, each worker defines the job file's classes from the class files compiled here
 * ({@link Setup}, the pool's initializer); the payload is read with their class loader, and the closure is
 * rehydrated with a fresh instance of the script, never run, so that the file's plain methods
 * ({@code int countPrimes(int)}) work as they do here.
 *
 * @param displayName how messages name the job file
 * @param codeKey     names the job file's classes in the worker: the SHA-256 of its text
 * @param payload     a {@link Payload}, serialized
 */
record WorkerClosure(String taskName, String displayName, String codeKey, byte[] payload) implements Task<Object> {
    /** The job files whose classes this worker JVM defined, their script classes by code key. */
    private static final Map<String, Class<?>> COMPILED = new ConcurrentHashMap<>();

    /** What the closure reads, besides the job file's code. */
    private record Payload(Closure<?> closure, Object input, Map<String, Object> results, Map<String, Object> params,
                           Map<String, String> environment) implements Serializable {
    }

    /**
     * Packs one attempt of {@code closure} for {@code context}. Results that cannot be sent are left out; the
     * closure reads them as null.
     *
     * @throws io.jobrun.futures.process.TaskSerializationException when the closure or its input cannot be sent
     */
    static WorkerClosure of(Closure<?> closure, TaskContext context, ScriptSource source) {
        return pack(closure, context.input(), context, source);
    }

    /** {@code closure} to be called with {@code arguments} (null: with the task's input, as {@link #of} does). */
    static WorkerClosure of(Closure<?> closure, TaskContext context, ScriptSource source, CallArguments arguments) {
        return pack(closure, arguments != null ? arguments : context.input(), context, source);
    }

    private static WorkerClosure pack(Closure<?> closure, Object input, TaskContext context, ScriptSource source) {
        Map<String, Object> results = new LinkedHashMap<>();
        context.results().forEach((name, value) -> {
            if (Sendable.check(value)) {
                results.put(name, value);
            }
        });
        Payload payload = new Payload(closure.dehydrate(), input, results,
                new LinkedHashMap<>(source.params()), new LinkedHashMap<>(context.environment()));
        byte[] bytes = FilteredSerialization.serialize(payload, "task '" + context.taskName() + "'");
        return new WorkerClosure(context.taskName(), source.file().displayName(), sha256(source.text()), bytes);
    }

    /** Why {@code closure} cannot be sent to a worker, naming the captured value that cannot; empty when it can. */
    static Optional<String> unsendable(Closure<?> closure) {
        Closure<?> dehydrated = closure.dehydrate();
        for (Map.Entry<String, Object> captured : captured(dehydrated).entrySet()) {
            if (!Sendable.check(captured.getValue())) {
                return Optional.of("its closure captures '" + captured.getKey() + "' (" + describe(captured.getValue())
                        + ")");
            }
        }
        return Sendable.check(dehydrated) ? Optional.empty() : Optional.of("its closure");
    }

    /** The local variables {@code closure} captured, by name, in field order; one that cannot be read is left out. */
    static Map<String, Object> captured(Closure<?> closure) {
        Map<String, Object> captured = new LinkedHashMap<>();
        // NOTE: Groovy keeps each captured local variable in a Reference field named after the variable.
        for (Field field : closure.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getType() != Reference.class) {
                continue;
            }
            try {
                field.setAccessible(true);
                captured.put(field.getName(), ((Reference<?>) field.get(closure)).get());
            } catch (ReflectiveOperationException | RuntimeException unreadable) {
                // a field Groovy did not make for a variable: nothing the closure's code reads by name
            }
        }
        return captured;
    }

    private static String describe(Object value) {
        return switch (value) {
            case ScriptExecutor executor -> "the executor " + executor;
            case Closure<?> ignored -> "a closure; make it a method of the job file";
            default -> value.getClass().getName();
        };
    }

    /** In the worker: compiles the job file (once), rebuilds the closure and runs it as the thread path does. */
    @Override
    public Object call() throws Exception {
        Payload read = read(displayName, codeKey, payload);
        return runInWorker(taskName, displayName, codeKey, read, read.input());
    }

    /**
     * Packs {@code closure} as the function of a map over a pool of worker processes: sent once per worker with the
     * results so far and the parameters, then called with each item of each chunk.
     *
     * @throws io.jobrun.futures.process.TaskSerializationException when the closure cannot be sent
     */
    static TaskFunction<Object, Object> function(Closure<?> closure, TaskContext context, ScriptSource source) {
        WorkerClosure packed = pack(closure, null, context, source);
        return new MapFunction(packed.taskName, packed.displayName, packed.codeKey, packed.payload);
    }

    /**
     * A closure sent as a map's function, called with each item as its input. The worker keeps it for every chunk of
     * the map, as it keeps any map function; the closure is read and given its script at the first item, not at each:
     * that took 25 us an item, 2.4 s for a map of 100,000 items in one chunk where CPython takes 0.13 s. So the
     * items of one worker share the script and the closure's captured variables, as the calls of one function in a
     * Python worker share its module's globals.
     */
    private static final class MapFunction implements TaskFunction<Object, Object> {
        private final String taskName;
        private final String displayName;
        private final String codeKey;
        private final byte[] payload;
        /** The closure ready to call, in the worker; made at the first item. */
        private transient Rehydrated ready;

        MapFunction(String taskName, String displayName, String codeKey, byte[] payload) {
            this.taskName = taskName;
            this.displayName = displayName;
            this.codeKey = codeKey;
            this.payload = payload;
        }

        @Override
        public Object apply(Object item) throws Exception {
            if (ready == null) {
                ready = rehydrate(displayName, codeKey, read(displayName, codeKey, payload));
            }
            return ready.run(taskName, item);
        }
    }

    private static Payload read(String displayName, String codeKey, byte[] payload) throws IOException,
            ClassNotFoundException {
        Class<?> scriptClass = COMPILED.get(codeKey);
        if (scriptClass == null) {
            throw new IllegalStateException("the code of " + displayName + " was not loaded in this worker; its pool "
                    + "needs the job file's setup as its initializer");
        }
        return (Payload) FilteredSerialization.deserialize(payload, scriptClass.getClassLoader());
    }

    private static Object runInWorker(String taskName, String displayName, String codeKey, Payload read,
                                      Object input) throws Exception {
        return rehydrate(displayName, codeKey, read).run(taskName, input);
    }

    /** A closure read in a worker, given a fresh instance of the job file's script, with what it reads. */
    private record Rehydrated(Closure<?> closure, Payload read, JobFile file) {
        Object run(String taskName, Object input) throws Exception {
            return ClosureCode.runWith(new InWorker(taskName, input, read.results(), read.environment(), file),
                    closure, input, file);
        }
    }

    private static Rehydrated rehydrate(String displayName, String codeKey, Payload read) {
        // NOTE: code in a worker cannot make pools (it cannot submit work), so it knows no executor kinds.
        JobFile file = JobFile.of(displayName, new io.jobrun.job.Kinds(
                new io.jobrun.job.ExecutorKinds(java.util.List.of()), new io.jobrun.job.TaskKinds(java.util.List.of())));
        JobScript script = (JobScript) InvokerHelper.createScript(COMPILED.get(codeKey), new Binding());
        script.attach(new JobBuilder(file, Parameters.ofValues(read.params()), null, ""));
        return new Rehydrated(read.closure().rehydrate(script, script, script), read, file);
    }

    /** The worker's initializer for the job file whose script is {@code scriptClass}, compiled here from {@code text}. */
    static Setup setup(Class<?> scriptClass, String text) {
        return new Setup(sha256(text), scriptClass.getName(), CompiledClasses.of(scriptClass));
    }

    /** A worker's initializer: defines the job file's classes before the worker takes its first task. */
    record Setup(String codeKey, String scriptClassName, Map<String, byte[]> classes) implements Initializer {
        @Override
        public void initialize() throws ClassNotFoundException {
            ClassLoader loader = new CompiledClasses.DefiningLoader(JobScript.class.getClassLoader(), classes);
            COMPILED.put(codeKey, Class.forName(scriptClassName, true, loader));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The context of a closure in a worker: its values, and no pools to submit to. */
    private record InWorker(String taskName, Object input, Map<String, Object> results,
                            Map<String, String> environment, JobFile file) implements TaskContext {
        @Override
        public <T> Future<T> submit(String executor, String label, Task<T> work, Duration timeLimit) {
            throw cannotSubmit();
        }

        @Override
        public <T> Future<T> submitTo(io.jobrun.futures.Executor pool, String poolName, String label, Task<T> work,
                                      Duration timeLimit) {
            throw cannotSubmit();
        }

        private JobScriptError cannotSubmit() {
            return new JobScriptError(UserErrors.where(new Throwable(), file), "task '" + taskName + "' runs in a "
                    + "worker process, where it cannot submit work to pools; make that work a task of its own");
        }
    }
}
