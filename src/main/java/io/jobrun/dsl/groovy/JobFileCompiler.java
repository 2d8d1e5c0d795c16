package io.jobrun.dsl.groovy;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Compiles a job file with the DSL checks: the class of its top level, or every problem the compiler and the checks
 * found, each at its file, line and column. The only class of the front that touches Groovy's compiler, so that a
 * file whose classes are kept ({@link CompiledFileCache}) never loads it.
 */
final class JobFileCompiler {
    /**
     * What a compile gave.
     *
     * @param scriptClass the file's class, or null when it did not compile
     * @param problems    what the compiler or the checks found, in no order
     * @param stopsHere   whether the top level must not run: it did not compile, or would fail on a problem found
     */
    record Compilation(Class<?> scriptClass, List<Problem> problems, boolean stopsHere) {
        Compilation {
            problems = List.copyOf(problems);
        }
    }

    private JobFileCompiler() {
    }

    static Compilation compile(String text, JobFile file, Nesting.Deepest deepest) {
        DslCheck check = new DslCheck(file);
        GrabCheck grabs = new GrabCheck(file);
        Class<?> scriptClass = null;
        List<Problem> failed = List.of();
        try {
            scriptClass = compile(text, file, check, grabs);
        } catch (MultipleCompilationErrorsException e) {
            failed = compileProblems(e, file, text);
        } catch (CompilationFailedException | StackOverflowError e) {
            failed = List.of(compilerFailure(e, file, deepest));
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // NOTE: code the file runs while it compiles (@ASTTest, a transformation) may throw anything; Groovy
            // wraps it in a GroovyBugError, an AssertionError
            failed = List.of(failedWhileCompiling(e, file));
        }
        if (!grabs.problems().isEmpty()) {
            // NOTE: a @Grab explains the unresolved import that follows it, so it is the file's problem alone
            return new Compilation(null, grabs.problems(), true);
        }
        if (scriptClass == null) {
            return new Compilation(null, failed, true);
        }
        // NOTE: with a broken top level, running it would only fail again on the same typo, worded worse.
        return new Compilation(scriptClass, check.problems(), check.topLevelBroken());
    }

    /** Compiles {@code text} as a job file, keeping the class files for worker processes ({@link CompiledClasses}). */
    private static Class<?> compile(String text, JobFile file, DslCheck check, GrabCheck grabs) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setDisabledGlobalASTTransformations(java.util.Set.of(GrabCheck.TRANSFORMATION));
        config.setScriptBaseClass(JobScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStaticStars(io.jobrun.futures.ReturnWhen.class.getName());
        imports.addImports(java.time.Duration.class.getName(), io.jobrun.futures.FutureTimeoutException.class.getName(),
                io.jobrun.futures.CancelledException.class.getName());
        config.addCompilationCustomizers(imports, new ScriptClassName(), grabs, check, new GStringRewrite());
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
        return withPythonLines(problems.stream().distinct().toList(), e, file, text);
    }

    /**
     * {@code problems} with each line written as Python writes it named at its place. A syntax error the parser
     * reports before the first such line is where it backed off to (the comma before the closure holding a
     * {@code for x in xs:}), so it is left out.
     */
    private static List<Problem> withPythonLines(List<Problem> problems, MultipleCompilationErrorsException e,
                                                 JobFile file, String text) {
        boolean syntax = e.getErrorCollector().getErrors().stream().anyMatch(m -> m instanceof SyntaxErrorMessage);
        List<PythonWords.Line> python = syntax ? PythonWords.lines(text) : List.of();
        if (python.isEmpty()) {
            return problems;
        }
        List<Problem> named = new ArrayList<>();
        for (PythonWords.Line line : python) {
            named.add(new Problem(new SourcePosition(file.displayName(), line.line(), line.column()),
                    "syntax error: " + line.groovy()));
        }
        int first = python.get(0).line();
        for (Problem problem : problems) {
            boolean backedOff = problem.message().startsWith("syntax error: ") && problem.position().line() < first;
            if (!backedOff && named.stream().noneMatch(p -> p.position().line() == problem.position().line())) {
                named.add(problem);
            }
        }
        return Problem.inFileOrder(named);
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

    /**
     * The file's own code failed at compile time: what it threw, at its line when the trace has one, else at the
     * first (a problem of the whole file names a line, as every problem does).
     */
    private static Problem failedWhileCompiling(Throwable failure, JobFile file) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        SourcePosition at = UserErrors.where(root, file);
        if (at.line() == 0) {
            at = new SourcePosition(file.displayName(), 1, 0);
        }
        return new Problem(at, "the job file failed while it compiled: "
                + root.getClass().getSimpleName() + (message == null ? "" : ": " + UserErrors.clean(message, file)));
    }

    private static Problem syntaxProblem(SyntaxException cause, JobFile file, String text) {
        SourcePosition at = new SourcePosition(file.displayName(), Math.max(0, cause.getLine()),
                Math.max(0, cause.getStartColumn()));
        String message = "syntax error: " + UserErrors.clean(cause.getOriginalMessage(), file)
                + PythonWords.unresolvedClass(cause.getOriginalMessage());
        long open = text.chars().filter(c -> c == '{').count();
        long closed = text.chars().filter(c -> c == '}').count();
        if (open > closed) {
            message += " (a '{' is never closed)";
        } else if (closed > open) {
            message += " (a '}' has no matching '{')";
        }
        return new Problem(at, message);
    }

    static SourcePosition at(Nesting.Deepest deepest, JobFile file) {
        return new SourcePosition(file.displayName(), deepest.line(), deepest.column());
    }
}
