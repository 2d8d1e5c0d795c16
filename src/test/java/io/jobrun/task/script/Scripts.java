package io.jobrun.task.script;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Shorthands for the script tests; every test shares the one engine of the test JVM (Python starts slowly). */
final class Scripts {
    /**
     * Long enough that only a hang reaches it, even when the wait includes building a Python context on a loaded
     * two-core machine: the first of a JVM took over a minute at load average 30 (on one core, under 25, over 60 s),
     * and a cancelled context is dropped, so the next Python script waits for a new one.
     */
    static final Duration GUARD = Duration.ofMinutes(5);

    private Scripts() {
    }

    static Script js(String code) {
        return Script.of(ScriptLanguage.JAVASCRIPT, ScriptSource.inline(code));
    }

    static Script python(String code) {
        return Script.of(ScriptLanguage.PYTHON, ScriptSource.inline(code));
    }

    static Object run(Script script) {
        return ScriptEngine.shared().run(script, ScriptInputs.none(), OutputStream.nullOutputStream());
    }

    static Object run(Script script, ScriptInputs inputs) {
        return ScriptEngine.shared().run(script, inputs, OutputStream.nullOutputStream());
    }

    static Object run(Script script, Duration timeLimit) {
        return ScriptEngine.shared().run(script, ScriptInputs.none(), OutputStream.nullOutputStream(), timeLimit);
    }

    /** What the script printed. */
    static String output(Script script) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ScriptEngine.shared().run(script, ScriptInputs.none(), log);
        return log.toString(StandardCharsets.UTF_8);
    }

    static List<ScriptLanguage> languages() {
        return List.of(ScriptLanguage.values());
    }
}
