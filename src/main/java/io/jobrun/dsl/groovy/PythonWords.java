package io.jobrun.dsl.groovy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Python's words for what Groovy writes otherwise. jobrun's users start from Python's concurrent.futures, and
 * {@code None}, {@code len(xs)} or an f-string in a closure is an unknown name or method to Groovy, where edit
 * distance finds nothing near: the check answers each with Groovy's way. Python's statements ({@code for x in xs:})
 * are syntax errors, which Groovy's parser reports where it gave up, often the comma before the closure they are in:
 * such lines are found by their shape and named at their place. Exceptions a Python program catches, and Java's
 * own for a future's timeout, are named with the classes a job file has.
 */
final class PythonWords {
    private static final Map<String, String> NAMES = Map.of(
            "None", " (Python's None; Groovy writes null)",
            "True", " (Python's True; Groovy writes true)",
            "False", " (Python's False; Groovy writes false)");

    private static final Map<String, String> FUNCTIONS = Map.of(
            "len", " (Python's len(xs); Groovy writes xs.size(), or text.length())",
            "range", " (Python's range(n); Groovy writes a range, 0..<n)",
            "str", " (Python's str(x); Groovy writes x.toString(), or \"${x}\")",
            "sum", " (Python's sum(xs); Groovy writes xs.sum())",
            "max", " (Python's max(xs); Groovy writes xs.max())",
            "min", " (Python's min(xs); Groovy writes xs.min())",
            "sorted", " (Python's sorted(xs); Groovy writes xs.sort(false), which leaves xs as it is)",
            "f", " (Python's f-string; Groovy fills in a string in double quotes: \"hi ${x}\")");

    /**
     * Exception classes a program from Python catches, and Java's own a Java user reaches for: none resolves in a job
     * file, and the futures raise jobrun's, which every job file imports.
     */
    private static final Map<String, String> CLASSES = Map.of(
            "TimeoutError", " (Python's TimeoutError; a future's result(timeout: ...), asCompleted and map raise"
                    + " FutureTimeoutException, which a job file has without an import)",
            "TimeoutException", " (java.util.concurrent's is not imported; a future's result(timeout: ...),"
                    + " asCompleted and map raise FutureTimeoutException, which a job file has without an import)",
            "CancelledError", " (Python's CancelledError; the result of a cancelled future raises CancelledException,"
                    + " which a job file has without an import)",
            "CancellationException", " (java.util.concurrent's is not imported; the result of a cancelled future raises"
                    + " CancelledException, which a job file has without an import)",
            "ValueError", " (Python's ValueError; Groovy throws IllegalArgumentException)",
            "ZeroDivisionError", " (Python's ZeroDivisionError; Groovy throws ArithmeticException)");

    private static final Pattern UNRESOLVED_CLASS = Pattern.compile("unable to resolve class (\\w+)\\s*$");

    /** A line's shape, and Groovy's way. */
    private record Statement(Pattern shape, String groovy) {
    }

    private static final List<Statement> STATEMENTS = List.of(
            new Statement(Pattern.compile("for\\s.+\\sin\\s.+:"), "Python's for loop; Groovy writes for (x in xs) { ... }"),
            new Statement(Pattern.compile("(if|elif|else|while)\\b.*:"),
                    "Python's block after ':'; Groovy writes if (x > 1) { ... } else { ... }, while (x) { ... }"),
            new Statement(Pattern.compile("def\\s+\\w+\\s*\\(.*\\)\\s*:"),
                    "Python's def; Groovy writes def name(x) { ... }"),
            new Statement(Pattern.compile("(try|finally)\\s*:|except\\b.*:"),
                    "Python's try; Groovy writes try { ... } catch (e) { ... }"),
            new Statement(Pattern.compile("#(?!!).*"), "Python's comment; Groovy writes // ..."),
            new Statement(Pattern.compile("from\\s+\\S+\\s+import\\b.*|import\\s+\\w+"),
                    "Python's import; Groovy imports a class by its full name, as in import java.nio.file.Files"));

    /**
     * A line written as Python writes it.
     *
     * @param line   1-based
     * @param column 1-based, where the statement starts
     */
    record Line(int line, int column, String groovy) {
    }

    private PythonWords() {
    }

    /** " (Python's None; Groovy writes null)" for a name Python has and Groovy spells otherwise. */
    static Optional<String> name(String word) {
        return Optional.ofNullable(NAMES.get(word));
    }

    /** " (Python's len(xs); Groovy writes xs.size() ...)" for a Python built-in function, and the f of an f-string. */
    static Optional<String> function(String word) {
        return Optional.ofNullable(FUNCTIONS.get(word));
    }

    /**
     * " (Python's TimeoutError; ... FutureTimeoutException ...)" for the compiler's "unable to resolve class X" about
     * a class Python or Java names otherwise than a job file has it; else empty.
     */
    static String unresolvedClass(String compilerMessage) {
        java.util.regex.Matcher unresolved = UNRESOLVED_CLASS.matcher(compilerMessage);
        return unresolved.find() ? CLASSES.getOrDefault(unresolved.group(1), "") : "";
    }

    /** The lines of {@code text} shaped as Python statements, outside Groovy's triple-quoted strings. */
    static List<Line> lines(String text) {
        List<Line> found = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        boolean inLongString = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean opensOrCloses = (count(line, "\"\"\"") + count(line, "'''")) % 2 == 1;
            String statement = line.strip();
            if (!inLongString && !opensOrCloses) {
                for (Statement shape : STATEMENTS) {
                    if (shape.shape().matcher(statement).matches()) {
                        found.add(new Line(i + 1, line.indexOf(statement.charAt(0)) + 1, shape.groovy()));
                        break;
                    }
                }
            }
            inLongString ^= opensOrCloses;
        }
        return found;
    }

    private static int count(String line, String quote) {
        int count = 0;
        for (int at = line.indexOf(quote); at >= 0; at = line.indexOf(quote, at + quote.length())) {
            count++;
        }
        return count;
    }
}
