package io.jobrun.dsl.groovy;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import io.jobrun.job.Job;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
public final class GroovyJobLoader {
    private GroovyJobLoader() {
    }

    /**
     * Loads {@code path}.
     *
     * @param displayName how messages name the file (the path as the user typed it)
     * @param params      {@code -p key=value} from the command line
     * @param scriptOut   where the file's {@code println} goes
     */
    public static LoadedJob load(Path path, String displayName, Map<String, String> params, PrintStream scriptOut)
            throws IOException {
        JobFile file = JobFile.of(displayName);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        Class<?> scriptClass;
        try {
            scriptClass = compile(text, file);
        } catch (MultipleCompilationErrorsException e) {
            return new LoadedJob(null, compileProblems(e, file));
        }
        JobBuilder builder = new JobBuilder(file, params);
        Binding binding = new Binding();
        binding.setVariable("out", scriptOut);
        JobScript script = (JobScript) InvokerHelper.createScript(scriptClass, binding);
        script.attach(builder);
        try {
            script.run();
        } catch (Throwable error) {
            builder.problems().add(runtimeProblem(error, file));
        }
        List<Problem> problems = new ArrayList<>(builder.problems());
        problems.sort(Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        Job job = builder.build();
        return new LoadedJob(job, problems);
    }

    private static Class<?> compile(String text, JobFile file) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JobScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStaticStars(io.jobrun.futures.ReturnWhen.class.getName());
        imports.addImports(java.time.Duration.class.getName(), io.jobrun.futures.FutureTimeoutException.class.getName(),
                io.jobrun.futures.CancelledException.class.getName());
        config.addCompilationCustomizers(imports, new DslCheck());
        // NOTE: one class loader per file: the compiled classes go away with the run.
        GroovyClassLoader loader = new GroovyClassLoader(JobScript.class.getClassLoader(), config);
        return loader.parseClass(new GroovyCodeSource(text, file.simpleName(), "/groovy/script"), false);
    }

    private static List<Problem> compileProblems(MultipleCompilationErrorsException e, JobFile file) {
        List<Problem> problems = new ArrayList<>();
        for (Message message : e.getErrorCollector().getErrors()) {
            problems.add(switch (message) {
                case SyntaxErrorMessage syntax -> syntaxProblem(syntax.getCause(), file);
                case ExceptionMessage exception -> new Problem(SourcePosition.of(file.displayName()),
                        UserErrors.clean(String.valueOf(exception.getCause().getMessage()), file));
                case SimpleMessage simple -> new Problem(SourcePosition.of(file.displayName()),
                        UserErrors.clean(simple.getMessage(), file));
                default -> new Problem(SourcePosition.of(file.displayName()), "the job file does not compile");
            });
        }
        problems.sort(Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return problems;
    }

    private static Problem syntaxProblem(SyntaxException cause, JobFile file) {
        SourcePosition at = new SourcePosition(file.displayName(), Math.max(0, cause.getLine()),
                Math.max(0, cause.getStartColumn()));
        String message = UserErrors.clean(cause.getOriginalMessage(), file);
        if (!(cause instanceof DslCheck.DslProblem)) {
            message = "syntax error: " + message;
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
                + translated.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
