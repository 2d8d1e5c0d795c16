package io.jobrun.dsl.groovy;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import io.jobrun.job.JobFront;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.JobSource;
import io.jobrun.job.JobText;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Reads a Groovy job file into the job model: compile it once (with the DSL checks), then run its top level, which
 * only declares. Every problem found on the way comes back with its file, line and column.
 */
public final class GroovyJobLoader implements JobFront {
    @Override
    public List<String> extensions() {
        return List.of(".groovy");
    }

    @Override
    public LoadedJob load(Request request) {
        JobText source = request.source();
        JobFile file = JobFile.of(source.file(), request.kinds());
        String text = source.text();
        Nesting.Deepest deepest = Nesting.deepest(text);
        if (deepest.tooDeep()) {
            return new LoadedJob(null, List.of(new Problem(at(deepest, file), JobSource.tooDeeplyNested())));
        }
        if (!deepest.code()) {
            return new LoadedJob(null, List.of(new Problem(new SourcePosition(file.displayName(), 1, 0),
                    "no Groovy code, only comments (expected a job: at least one task)")));
        }
        Class<?> scriptClass;
        DslCheck check = new DslCheck(file);
        try {
            scriptClass = compile(text, file, check);
        } catch (MultipleCompilationErrorsException e) {
            return new LoadedJob(null, compileProblems(e, file, text));
        } catch (CompilationFailedException | StackOverflowError e) {
            return new LoadedJob(null, List.of(compilerFailure(e, file, deepest)));
        }
        if (check.topLevelBroken()) {
            // NOTE: running the top level would only fail again on the same typo, worded worse.
            return new LoadedJob(null, sorted(check.problems()));
        }
        JobBuilder builder = new JobBuilder(file, request.params(), text);
        Binding binding = new Binding();
        binding.setVariable("out", request.out());
        JobScript script = (JobScript) InvokerHelper.createScript(scriptClass, binding);
        script.attach(builder);
        boolean complete = true;
        try {
            script.run();
        } catch (Throwable error) {
            // NOTE: what the file declares after the failure is missing, so its model would mislead validation.
            builder.problems().add(runtimeProblem(error, file));
            complete = false;
        }
        List<Problem> problems = new ArrayList<>(check.problems());
        for (Problem problem : builder.problems()) {
            // the builder meets some of the check's findings again (an unknown option): keep the precise one
            boolean known = check.problems().stream().anyMatch(p -> p.message().equals(problem.message()));
            if (!known) {
                problems.add(problem);
            }
        }
        return new LoadedJob(complete ? builder.build() : null, sorted(problems), builder.warnings());
    }

    private static List<Problem> sorted(List<Problem> problems) {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return copy;
    }

    /** Compiles {@code text} as a job file, keeping the class files for worker processes ({@link CompiledClasses}). */
    static Class<?> compile(String text, JobFile file, DslCheck check) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JobScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStaticStars(io.jobrun.futures.ReturnWhen.class.getName());
        imports.addImports(java.time.Duration.class.getName(), io.jobrun.futures.FutureTimeoutException.class.getName(),
                io.jobrun.futures.CancelledException.class.getName());
        config.addCompilationCustomizers(imports, check);
        // NOTE: one class loader per file: the compiled classes go away with the run.
        GroovyClassLoader loader = new CompiledClasses.RecordingLoader(JobScript.class.getClassLoader(), config);
        return loader.parseClass(new GroovyCodeSource(text, file.simpleName(), "/groovy/script"), false);
    }

    private static List<Problem> compileProblems(MultipleCompilationErrorsException e, JobFile file, String text) {
        List<Problem> problems = new ArrayList<>();
        for (Message message : e.getErrorCollector().getErrors()) {
            problems.add(switch (message) {
                case SyntaxErrorMessage syntax -> syntaxProblem(syntax.getCause(), file, text);
                case ExceptionMessage exception -> new Problem(SourcePosition.of(file.displayName()),
                        UserErrors.clean(String.valueOf(exception.getCause().getMessage()), file));
                case SimpleMessage simple -> new Problem(SourcePosition.of(file.displayName()),
                        UserErrors.clean(simple.getMessage(), file));
                default -> new Problem(SourcePosition.of(file.displayName()), "the job file does not compile");
            });
        }
        // NOTE: the compiler may report one mistake once per pass that meets it.
        return sorted(problems.stream().distinct().toList());
    }

    /**
     * A failure of the compiler itself rather than a problem it reported. Its parser and visitors recurse once per
     * level of an expression, so a chain of thousands of calls or operators overflows the stack even within the
     * nesting limit; the compiler does not say where, and the deepest point of the file is the best guess.
     */
    private static Problem compilerFailure(Throwable failure, JobFile file, Nesting.Deepest deepest) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StackOverflowError) {
                return new Problem(at(deepest, file), "the Groovy compiler ran out of stack on this file: an "
                        + "expression nests or chains too deeply (the deepest nesting is here)");
            }
        }
        return new Problem(at(deepest, file), "the job file does not compile: "
                + UserErrors.clean(String.valueOf(failure.getMessage()), file));
    }

    private static SourcePosition at(Nesting.Deepest deepest, JobFile file) {
        return new SourcePosition(file.displayName(), deepest.line(), deepest.column());
    }

    private static Problem syntaxProblem(SyntaxException cause, JobFile file, String text) {
        SourcePosition at = new SourcePosition(file.displayName(), Math.max(0, cause.getLine()),
                Math.max(0, cause.getStartColumn()));
        String message = "syntax error: " + UserErrors.clean(cause.getOriginalMessage(), file);
        long open = text.chars().filter(c -> c == '{').count();
        long closed = text.chars().filter(c -> c == '}').count();
        if (open > closed) {
            message += " (a '{' is never closed)";
        } else if (closed > open) {
            message += " (a '}' has no matching '{')";
        }
        return new Problem(at, message);
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
