package io.jobrun.task.script;

import static io.jobrun.task.script.Scripts.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing script is reported with its language, the guest's message and the line the user wrote, no more. */
class ScriptErrorTests {
    @TempDir
    Path directory;

    private static ScriptException failure(ScriptLanguage language, String code, int firstLine) {
        Script script = Script.of(language, ScriptSource.inline(code, "jobs/etl.yaml", firstLine));
        return assertThrows(ScriptException.class, () -> run(script));
    }

    @Test
    void pythonErrorInModuleCodeNamesTheJobFileLine() {
        ScriptException e = failure(ScriptLanguage.PYTHON, "x = 1\n\ny = x / 0\n", 12);
        assertEquals("jobs/etl.yaml:14: Python error: ZeroDivisionError: division by zero", e.getMessage());
        assertEquals(14, e.line());
        assertNull(e.getCause());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void pythonErrorInsideAFunctionNamesTheLineOfTheFailingStatement() {
        Script script = Script.of(ScriptLanguage.PYTHON, ScriptSource.inline("""
                def parse(text):
                    return int(text)

                def main():
                    return parse('x')
                """, "jobs/etl.yaml", 20)).calling("main", List.of());
        ScriptException e = assertThrows(ScriptException.class, () -> run(script));
        assertEquals("jobs/etl.yaml:21: Python error: ValueError: invalid literal for int() with base 10: 'x'",
                e.getMessage());
    }

    @Test
    void javascriptErrorNamesTheJobFileLine() {
        ScriptException e = failure(ScriptLanguage.JAVASCRIPT, "const a = 1;\nnull.field;\n", 5);
        assertEquals("jobs/etl.yaml:6: JavaScript error: TypeError: Cannot read property 'field' of null",
                e.getMessage());
    }

    @Test
    void javascriptThrownErrorKeepsItsMessage() {
        ScriptException e = failure(ScriptLanguage.JAVASCRIPT, "\n\nthrow new RangeError('too big');", 1);
        assertEquals("jobs/etl.yaml:3: JavaScript error: RangeError: too big", e.getMessage());
    }

    @Test
    void syntaxErrorsNameTheirLineInBothLanguages() {
        ScriptException js = failure(ScriptLanguage.JAVASCRIPT, "let ok = 1;\nlet = = 2;\n", 30);
        assertEquals(31, js.line(), js.getMessage());
        assertEquals("syntax error", js.guestMessage().substring(0, "syntax error".length()), js.getMessage());
        ScriptException py = failure(ScriptLanguage.PYTHON, "ok = 1\ndef broken(:\n", 30);
        assertEquals(31, py.line(), py.getMessage());
        assertEquals("syntax error", py.guestMessage().substring(0, "syntax error".length()), py.getMessage());
    }

    @Test
    void aReturnAtTheTopOfAScriptSaysWhereItsResultComesFromWithoutGraalsNameForTheSource() {
        String hint = "; a script's result is the value of its last line: write x there instead of return x, or put"
                + " the code in a function and name it with call:";
        ScriptException js = failure(ScriptLanguage.JAVASCRIPT, "const x = 1;\nreturn x;\n", 8);
        assertEquals("jobs/etl.yaml:9: JavaScript error: syntax error: SyntaxError: Invalid return statement" + hint
                + "\nreturn x;\n^", js.getMessage());
        ScriptException py = failure(ScriptLanguage.PYTHON, "x = 1\nreturn x\n", 8);
        assertEquals("jobs/etl.yaml:9: Python error: syntax error: SyntaxError: 'return' outside function" + hint,
                py.getMessage());
    }

    @Test
    void errorInAScriptFileNamesTheFileAndItsLine() throws Exception {
        Path file = Files.writeString(directory.resolve("primes.py"), "def count(limit):\n    return limit / 0\n");
        Script script = Script.of(ScriptLanguage.PYTHON, ScriptSource.file(file)).calling("count", List.of(3));
        ScriptException e = assertThrows(ScriptException.class, () -> run(script));
        assertEquals(file + ":2: Python error: ZeroDivisionError: division by zero", e.getMessage());
    }

    @Test
    void pythonSysExitIsReportedAsAnExitWithItsStatus() {
        ScriptException e = failure(ScriptLanguage.PYTHON, "import sys\nsys.exit(3)\n", 1);
        assertEquals("the script exited with status 3", e.guestMessage());
    }
}
