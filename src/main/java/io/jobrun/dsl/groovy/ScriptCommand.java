package io.jobrun.dsl.groovy;

import io.jobrun.job.SourcePosition;
import io.jobrun.job.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.task.script.ScriptLanguage;
import io.jobrun.task.script.ScriptPermission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code script('js', 'item.toUpperCase()')} returns: a JavaScript or Python task body waiting for its task.
 * Options: {@code file:} instead of the code, {@code call:} and {@code args:} to call a function the script defines
 * ('${item}' as an argument passes the fan-out item), {@code allow:} for access beyond the sandbox.
 */
public final class ScriptCommand {
    final TaskBody body;

    private ScriptCommand(TaskBody body) {
        this.body = body;
    }

    /** Reads {@code script(...)}; problems go to {@code builder}, with a stand-in body. */
    static ScriptCommand of(Map<String, ?> options, String language, String code, JobBuilder builder,
                            SourcePosition at) {
        String file = null;
        String call = null;
        List<Object> args = new ArrayList<>();
        List<String> allow = new ArrayList<>();
        for (var entry : options.entrySet()) {
            Object value = entry.getValue();
            switch (entry.getKey()) {
                case "file" -> file = String.valueOf(value);
                case "call" -> call = String.valueOf(value);
                case "args" -> args.addAll(value instanceof List<?> list ? list : List.of(value));
                case "allow" -> {
                    for (Object name : value instanceof List<?> list ? list : List.of(value)) {
                        allow.add(String.valueOf(name));
                    }
                }
                default -> builder.problem(at, Suggestions.unknown("script option", entry.getKey(),
                        Vocabulary.SCRIPT_OPTIONS));
            }
        }
        boolean ok = checkLanguage(language, builder, at) & checkAllow(allow, builder, at);
        if (call != null && !call.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            builder.problem(at, "script call must name a function, e.g. call: 'count_primes'; got '" + call + "'");
            ok = false;
        }
        if (call == null && !args.isEmpty()) {
            builder.problem(at, "script args need call: the function to pass them to");
            ok = false;
        }
        for (Object argument : args) {
            if (argument instanceof String text) {
                ok &= builder.checkExpressions(at, text);
            }
        }
        if ((code == null) == (file == null)) {
            builder.problem(at, code == null ? "script needs code, e.g. script('js', 'item * 2'), or file: 'x.py'"
                    : "script has both code and file:; give one");
            ok = false;
        }
        SourcePosition codeAt = at;
        if (ok && file != null) {
            Path path = Path.of(builder.file().displayName()).toAbsolutePath().getParent().resolve(file).normalize();
            Path shown = Path.of("").toAbsolutePath().relativize(path);
            try {
                code = Files.readString(path, StandardCharsets.UTF_8);
                codeAt = new SourcePosition(shown.toString(), 1, 1);
            } catch (IOException e) {
                builder.problem(at, "cannot read script file '" + file + "' (" + shown + ", next to the job file): "
                        + (Files.exists(path) ? e.getMessage() : "no such file"));
                ok = false;
            }
        }
        if (!ok) {
            return new ScriptCommand(new TaskBody.Shell("true", Map.of(), null));
        }
        return new ScriptCommand(new TaskBody.Script(language, code, codeAt, file, call, args, allow,
                builder.params()));
    }

    private static boolean checkLanguage(String language, JobBuilder builder, SourcePosition at) {
        try {
            ScriptLanguage.fromName(language);
            return true;
        } catch (IllegalArgumentException e) {
            builder.problem(at, e.getMessage());
            return false;
        }
    }

    private static boolean checkAllow(List<String> allow, JobBuilder builder, SourcePosition at) {
        boolean ok = true;
        for (String name : allow) {
            try {
                ScriptPermission.fromName(name);
            } catch (IllegalArgumentException e) {
                builder.problem(at, e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    @Override
    public String toString() {
        return "script(" + body + ")";
    }
}
