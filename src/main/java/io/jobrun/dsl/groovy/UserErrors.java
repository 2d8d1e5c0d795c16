package io.jobrun.dsl.groovy;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.text.Suggestions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.StackTraceUtils;

/** Turns Groovy's runtime exceptions into messages a job-file author can act on; no Groovy internals get out. */
final class UserErrors {
    private UserErrors() {
    }

    /** The position of the innermost job-file frame of {@code error}'s stack, or just the file. */
    static SourcePosition where(Throwable error, JobFile file) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (file.simpleName().equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                    return new SourcePosition(file.displayName(), frame.getLineNumber(), 0);
                }
            }
        }
        return SourcePosition.of(file.displayName());
    }

    /**
     * What user code threw, ready for the report: Groovy's own exceptions become a {@link JobScriptError} naming the
     * job-file line; anything else is returned with its stack cleaned of Groovy's dispatch frames.
     */
    static Throwable translate(Throwable error, JobFile file) {
        if (error instanceof JobScriptError) {
            return error;
        }
        if (error instanceof java.util.concurrent.CompletionException wrapped && wrapped.getCause() != null) {
            // NOTE: result() of work that threw a checked exception wraps it, for Java callers; Groovy has no checked
            // exceptions, and the task fails with what the work threw, as Python's result() re-raises it
            return translate(wrapped.getCause(), file);
        }
        if (error instanceof MissingMethodException missing) {
            return new JobScriptError(where(error, file), missingMethod(missing, file));
        }
        if (error instanceof MissingPropertyException missing) {
            return new JobScriptError(where(error, file), missingProperty(missing, file));
        }
        String type = error.getClass().getName();
        if (type.equals("org.codehaus.groovy.runtime.powerassert.PowerAssertionError")) {
            // NOTE: its lines under the first are the diagram of each value in the expression: what says why
            return new JobScriptError(where(error, file), "assertion failed\n"
                    + String.valueOf(error.getMessage()).stripTrailing());
        }
        if (type.startsWith("groovy.") || type.startsWith("org.codehaus.groovy.") || type.startsWith("org.apache.groovy.")) {
            return new JobScriptError(where(error, file), clean(String.valueOf(error.getMessage()), file));
        }
        return StackTraceUtils.deepSanitize(error);
    }

    static String missingMethod(MissingMethodException missing, JobFile file) {
        String name = missing.getMethod();
        Class<?> type = missing.getType();
        boolean onScript = type != null && groovy.lang.Script.class.isAssignableFrom(type) || missing.isStatic()
                && type == null;
        String arguments = argumentTypes(missing.getArguments());
        if (name.equals("then")) {
            return "then follows a task written with parentheses, as in task('fetch') { ... }.then('next') { ... };"
                    + " written as task 'fetch', { ... }.then(...) it applies to the closure instead";
        }
        if ((onScript || type == null) && file.vocabulary().keywords().contains(name)) {
            if (takesNamedOptionsAlone(type == null ? JobScript.class : type, name)) {
                // NOTE: params { dir = 'x' }, as Gradle and Nextflow write a block of settings
                return "'" + name + "' takes named options, as in " + name + " name: value, other: value; not ("
                        + arguments + ")";
            }
            return "'" + name + "' does not take arguments (" + arguments + "); see dsl/README.md for its forms";
        }
        if (onScript || type == null) {
            return "unknown method '" + name + "'" + (arguments.isEmpty() ? "" : " for arguments (" + arguments + ")")
                    + Suggestions.hint(name, file.vocabulary().methods());
        }
        Set<String> candidates = new TreeSet<>();
        Set<String> forms = new TreeSet<>();
        for (var method : type.getMethods()) {
            candidates.add(method.getName());
            if (method.getName().equals(name)) {
                forms.add("(" + String.join(", ", java.util.Arrays.stream(method.getParameterTypes())
                        .map(UserErrors::parameterName).toList()) + ")");
            }
        }
        // NOTE: a method that exists with other arguments: say which it takes, not "did you mean" its own name
        return "no method '" + name + "' on " + typeName(type)
                + (arguments.isEmpty() ? "" : " for arguments (" + arguments + ")")
                + (forms.isEmpty() ? Suggestions.hint(name, candidates) : "; it takes " + String.join(", ", forms));
    }

    /** Whether every public method {@code name} of {@code type} takes one map: named options and nothing else. */
    private static boolean takesNamedOptionsAlone(Class<?> type, String name) {
        boolean any = false;
        for (var method : type.getMethods()) {
            if (method.getName().equals(name)) {
                if (method.getParameterCount() != 1 || !Map.class.isAssignableFrom(method.getParameterTypes()[0])) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    static String missingProperty(MissingPropertyException missing, JobFile file) {
        String name = missing.getProperty();
        Class<?> type = missing.getType();
        if (type == null || groovy.lang.Script.class.isAssignableFrom(type)) {
            return "unknown name '" + name + "'" + Suggestions.hint(name, file.vocabulary().properties());
        }
        return "no property '" + name + "' on " + typeName(type);
    }

    /** A parameter's type as a job file writes its argument: a map of options is "named options". */
    private static String parameterName(Class<?> type) {
        return Map.class.isAssignableFrom(type) ? "named options" : groovy.lang.Closure.class.isAssignableFrom(type)
                ? "a closure" : type.getSimpleName();
    }

    private static String typeName(Class<?> type) {
        return groovy.lang.Script.class.isAssignableFrom(type) ? "the job file" : type.getSimpleName();
    }

    private static String argumentTypes(Object[] arguments) {
        if (arguments == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Object argument : arguments) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(argument == null ? "null" : argument instanceof groovy.lang.Closure ? "closure"
                    : argument.getClass().getSimpleName());
        }
        return text.toString();
    }

    /** Removes generated class names and Groovy's position suffixes from a compiler or runtime message. */
    static String clean(String message, JobFile file) {
        String text = message.lines().findFirst().orElse("").strip();
        text = text.replaceAll("\\s*@ line \\d+, column \\d+\\.?$", "");
        text = text.replaceAll("\\[Static type checking\\] - ", "");
        text = text.replaceAll("[\\w.$-]*\\$_run_closure\\d+(\\$_closure\\d+)*", "closure");
        String scriptClass = file.simpleName().replaceAll("\\.groovy$", "");
        text = text.replace("class '" + scriptClass + "'", "the job file");
        // NOTE: the compiler names the script class after the file, with '-' and the like made '_'.
        text = text.replace("class '" + scriptClass.replaceAll("[^\\w$]", "_") + "'", "the job file");
        text = text.replaceAll("\\bjava\\.(lang|util|io)\\.(\\w+)", "$2");
        // NOTE: the JVM's helpful NullPointerException text ends 'because "' when Groovy's bytecode names no variable.
        text = text.replaceAll(" because \"$", "");
        text = text.replaceAll("\\borg\\.codehaus\\.groovy\\.[\\w.$]+\\.(\\w+)", "$1");
        text = text.replaceAll("\\bgroovy\\.lang\\.(\\w+)", "$1");
        text = text.replaceAll("\\bio\\.jobrun\\.[\\w.$]+\\.(\\w+)", "$1");
        return text;
    }
}
