package io.jobrun.dsl.groovy;

import groovy.lang.Binding;
import io.jobrun.job.JobFront;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.JobSource;
import io.jobrun.job.JobText;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.Parameters;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Reads a Groovy job file into the job model: compile it once (with the DSL checks), or define its classes from the
 * {@link CompiledFileCache} when it is unchanged, then run its top level, which only declares. Every problem found on
 * the way comes back with its file, line and column.
 */
final class GroovyJobReader {
    /** Compiles run in this JVM, for tests that the cache spares them. */
    private static final AtomicInteger COMPILATIONS = new AtomicInteger();

    private final CompiledFileCache cache;

    GroovyJobReader(CompiledFileCache cache) {
        this.cache = cache;
    }

    static int compilations() {
        return COMPILATIONS.get();
    }

    LoadedJob load(JobFront.Request request) {
        JobText source = request.source();
        JobFile file = JobFile.of(source.file(), request.kinds());
        String text = source.text();
        Nesting.Deepest deepest = Nesting.deepest(text);
        if (deepest.tooDeep()) {
            return new LoadedJob(null, List.of(new Problem(JobFileCompiler.at(deepest, file), JobSource.tooDeeplyNested())));
        }
        if (!deepest.code()) {
            return new LoadedJob(null, List.of(new Problem(new SourcePosition(file.displayName(), 1, 0),
                    "no Groovy code, only comments (expected a job: at least one task)")));
        }
        String key = cache.key(text, file);
        Optional<CompiledFileCache.Compiled> kept = cache.lookup(key);
        Class<?> scriptClass;
        List<Problem> checked = List.of();
        RuntimeWarmup.await();
        if (kept.isPresent()) {
            scriptClass = CompiledClasses.define(kept.get());
        } else {
            JobFileCompiler.Compilation compiled = JobFileCompiler.compile(text, file, deepest);
            COMPILATIONS.incrementAndGet();
            if (compiled.stopsHere()) {
                return new LoadedJob(null, Problem.inFileOrder(compiled.problems()));
            }
            scriptClass = compiled.scriptClass();
            checked = compiled.problems();
            if (checked.isEmpty()) {
                // NOTE: only a clean compile is kept: a hit then has no compile-time problem to report.
                cache.store(key, new CompiledFileCache.Compiled(scriptClass.getName(), CompiledClasses.of(scriptClass)));
            }
        }
        JobBuilder builder = new JobBuilder(file, new Parameters(request.params()), text, SourceText.helpers(text));
        Binding binding = new Binding();
        binding.setVariable("out", request.out());
        JobScript script = (JobScript) InvokerHelper.createScript(scriptClass, binding);
        script.attach(builder);
        boolean complete = true;
        try {
            script.run();
        } catch (Throwable error) {
            // NOTE: what the file declares after the failure is missing, so its model would mislead validation.
            Problem failure = runtimeProblem(error, file);
            // the check's finding on the failing line says why in the file's words (onSuccess 'echo ok')
            if (checked.stream().noneMatch(p -> p.position().line() == failure.position().line())) {
                builder.problems().add(failure);
            }
            complete = false;
        }
        List<Problem> problems = new ArrayList<>(checked);
        for (Problem problem : builder.problems()) {
            // the builder meets some of the check's findings again (an unknown option): keep the precise one
            boolean known = checked.stream().anyMatch(p -> p.message().equals(problem.message()));
            if (!known) {
                problems.add(problem);
            }
        }
        return new LoadedJob(complete ? builder.build() : null, Problem.inFileOrder(problems), builder.warnings());
    }

    private static Problem runtimeProblem(Throwable error, JobFile file) {
        Throwable translated = UserErrors.translate(error, file);
        if (translated instanceof JobScriptError scriptError) {
            return new Problem(scriptError.position(), scriptError.detail());
        }
        String message = translated.getMessage();
        return new Problem(UserErrors.where(translated, file), "the job file failed while being read: "
                + translated.getClass().getSimpleName()
                + (message == null ? "" : ": " + UserErrors.clean(message, file)));
    }
}
