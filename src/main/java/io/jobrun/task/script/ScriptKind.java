package io.jobrun.task.script;

import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.RuleException;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code script('python', file: 'tasks/primes.py', call: 'count_primes', args: ['${item}'])}: JavaScript or Python
 * run by GraalVM Polyglot, sandboxed. A script file is read when the job loads, relative to the job file.
 */
public final class ScriptKind implements TaskKind {
    @Override
    public String name() {
        return "script";
    }

    @Override
    public String description() {
        return "JavaScript or Python run by GraalVM in a sandbox; its last value, or what call returns, is the result";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("lang", OptionType.TEXT, null, "the language: " + ScriptLanguage.knownNames(),
                        Arrays.asList(ScriptLanguage.knownNames().split(", "))),
                new OptionSpec("code", OptionType.TEXT, null, "the script itself"),
                new OptionSpec("file", OptionType.TEXT, null, "a script file instead of code, relative to the job file"),
                new OptionSpec("call", OptionType.TEXT, null, "a function the script defines, called after it ran"),
                new OptionSpec("args", OptionType.VALUES, null,
                        "the call's arguments; a text that is one ${...} alone passes its value"),
                new OptionSpec("allow", OptionType.NAMES, null, "access beyond the sandbox, for this task only, which the"
                        + " report lists: " + String.join(", ", permissions()), permissions()));
    }

    @Override
    public List<String> positional() {
        return List.of("lang", "code");
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskBody body(Map<String, Object> options, Context context) {
        String language = language((String) options.get("lang"));
        List<String> allow = (List<String>) options.getOrDefault("allow", List.of());
        for (int i = 0; i < allow.size(); i++) {
            if (!permissions().contains(allow.get(i))) {
                throw new RuleException("allow." + i, Suggestions.unknown("script access", allow.get(i),
                        permissions()));
            }
        }
        String code = (String) options.get("code");
        String file = (String) options.get("file");
        if ((code == null) == (file == null)) {
            throw new RuleException(code == null ? "" : "file", code == null
                    ? "script needs code (the script itself) or file: (a script file next to the job)"
                    : "script has both code and file:; give one");
        }
        SourcePosition codeAt = context.positions().at("code");
        if (file != null) {
            Path path = context.jobFile().toAbsolutePath().getParent().resolve(file).normalize();
            Path shown = Path.of("").toAbsolutePath().relativize(path);
            try {
                code = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuleException("file", "cannot read script file '" + file + "' (" + shown + ", next to the"
                        + " job file): " + (Files.exists(path) ? e.getMessage() : "no such file"));
            }
            codeAt = new SourcePosition(shown.toString(), 1, 1);
        }
        List<Object> args = (List<Object>) options.getOrDefault("args", List.of());
        return new TaskBody.Script(language, code, new SourcePosition(codeAt.file(), codeAt.line(), 1), file,
                (String) options.get("call"), args, allow, context.params().values());
    }

    private static String language(String name) {
        if (name == null) {
            throw new RuleException("", "script needs lang: the language of the code (" + ScriptLanguage.knownNames()
                    + ")");
        }
        try {
            ScriptLanguage.fromName(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new RuleException("lang", Suggestions.unknown("script language", name,
                    Arrays.asList(ScriptLanguage.knownNames().split(", "))));
        }
    }

    private static List<String> permissions() {
        List<String> names = new ArrayList<>();
        for (ScriptPermission permission : ScriptPermission.values()) {
            names.add(permission.jobName());
        }
        return names;
    }
}
