package io.jobrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One main source file as the architecture tests read it: its package, and its code without comments, in which
 * every package it names is seen, whether in an import, a fully-qualified name or a class name in a string.
 */
record JavaSource(Path file, String packageName, String code) {
    static final Path MAIN = Path.of("src/main/java/io/jobrun");

    /** A package name: lower-case segments, stopping before the first class name. */
    private static final Pattern NAMED_PACKAGE = Pattern.compile(
            "\\b(?:io\\.jobrun|org\\.snakeyaml|org\\.codehaus\\.groovy|org\\.apache\\.groovy|groovy|com\\.hazelcast"
                    + "|org\\.graalvm|com\\.oracle\\.truffle)(?:\\.[a-z_][a-z0-9_]*)*");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    static List<JavaSource> all() throws IOException {
        List<JavaSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.add(of(file, Files.readString(file)));
            }
        }
        return sources;
    }

    static JavaSource of(Path file, String text) {
        String code = withoutComments(text);
        Matcher declared = PACKAGE.matcher(code);
        if (!declared.find()) {
            throw new IllegalArgumentException(file + " declares no package");
        }
        return new JavaSource(file, declared.group(1), code.substring(declared.end()));
    }

    /** Every package this file names, other than its own. */
    Set<String> namedPackages() {
        Set<String> named = new TreeSet<>();
        Matcher matcher = NAMED_PACKAGE.matcher(code);
        while (matcher.find()) {
            String name = matcher.group();
            // NOTE: "groovy" alone is a word in messages ("a groovy file"); a package of it has a dot.
            if (!name.equals(packageName) && !name.equals("groovy") && !name.equals("io.jobrun")) {
                named.add(name);
            }
        }
        return named;
    }

    /** Whether this file's package is {@code unit} or one inside it. */
    boolean in(String unit) {
        return packageName.equals(unit) || packageName.startsWith(unit + ".");
    }

    /** The lines of code that contain {@code text}, as "path: line". */
    List<String> linesContaining(String text) {
        List<String> found = new ArrayList<>();
        for (String line : code.split("\n")) {
            if (line.contains(text)) {
                found.add(MAIN.relativize(file) + ": " + line.strip());
            }
        }
        return found;
    }

    /**
     * {@code text} with its comments blanked (line breaks kept, so lines still count), and its string and character
     * literals kept as they are: a class name in a string is a dependency too.
     */
    static String withoutComments(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                text.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> code.append('\n'));
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3) + 3;
                code.append(text, i, end);
                i = end;
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                char quote = text.charAt(i);
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != quote) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                code.append(text, i, Math.min(end + 1, text.length()));
                i = end + 1;
            } else {
                code.append(text.charAt(i++));
            }
        }
        return code.toString();
    }
}
