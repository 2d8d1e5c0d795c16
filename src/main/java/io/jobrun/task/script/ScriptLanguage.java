package io.jobrun.task.script;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A language a script task can be written in, with the GraalVM language id that runs it. */
public enum ScriptLanguage {
    JAVASCRIPT("js", "JavaScript", "js", "javascript"),
    PYTHON("python", "Python", "python", "py");

    private final String languageId;
    private final String displayName;
    private final String[] names;

    ScriptLanguage(String languageId, String displayName, String... names) {
        this.languageId = languageId;
        this.displayName = displayName;
        this.names = names;
    }

    /** The GraalVM Polyglot language id ("js", "python"). */
    public String languageId() {
        return languageId;
    }

    /** How the language is named in messages ("JavaScript", "Python"). */
    public String displayName() {
        return displayName;
    }

    /** The language a job file names: "js", "javascript", "python" or "py", in any case. */
    public static ScriptLanguage fromName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ScriptLanguage language : values()) {
            if (Arrays.asList(language.names).contains(wanted)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown script language '" + name + "' (known: " + knownNames() + ")");
    }

    /** "js, javascript, python, py": the names {@link #fromName} accepts. */
    public static String knownNames() {
        return Arrays.stream(values()).flatMap(l -> Arrays.stream(l.names)).collect(Collectors.joining(", "));
    }
}
