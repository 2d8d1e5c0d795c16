package io.jobrun.task.script;

import static io.jobrun.task.script.Scripts.js;
import static io.jobrun.task.script.Scripts.python;
import static io.jobrun.task.script.Scripts.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** By default a script has no host classes, files, processes or environment; a task can be granted each one. */
class ScriptSandboxTests {
    @TempDir
    Path directory;

    @Test
    void javascriptHasNoJavaHostObjectByDefault() {
        assertEquals("undefined", run(js("typeof Java")));
    }

    @Test
    void pythonCannotImportJavaClassesByDefault() {
        ScriptException e = assertThrows(ScriptException.class,
                () -> run(python("import java\njava.type('java.lang.System').exit(3)")));
        assertEquals(ScriptLanguage.PYTHON, e.language());
    }

    @Test
    void pythonCannotReadFilesByDefault() throws Exception {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "s3cret");
        ScriptException e = assertThrows(ScriptException.class,
                () -> run(python("open(" + quoted(secret) + ").read()")));
        assertTrue(e.guestMessage().startsWith("PermissionError"), e.getMessage());
    }

    @Test
    void pythonCannotStartProcessesByDefault() {
        assertThrows(ScriptException.class, () -> run(python("import subprocess\nsubprocess.run(['true'])")));
    }

    @Test
    void pythonSeesNoEnvironmentVariablesByDefault() {
        assertEquals(List.of(), run(python("import os\nsorted(set(os.environ) & {'PATH', 'HOME', 'USER'})")));
    }

    @Test
    void sandboxedScriptIsReportedAsSandboxed() {
        assertTrue(js("1").sandboxed());
        assertFalse(js("1").allowing(Set.of(ScriptPermission.FILES)).sandboxed());
    }

    @Test
    void pythonGrantedFilesReadsAFile() throws Exception {
        Path data = Files.writeString(directory.resolve("data.txt"), "granted");
        Script script = python("open(" + quoted(data) + ").read()").allowing(Set.of(ScriptPermission.FILES));
        assertEquals("granted", run(script));
    }

    @Test
    void pythonGrantedEnvironmentSeesThePath() {
        Script script = python("import os\n'PATH' in os.environ").allowing(Set.of(ScriptPermission.ENVIRONMENT));
        assertEquals(System.getenv().containsKey("PATH"), run(script));
    }

    @Test
    void javascriptGrantedHostClassesCallsJava() {
        Script script = js("Java.type('java.lang.Math').max(2, 5)").allowing(Set.of(ScriptPermission.HOST_CLASSES));
        assertEquals(5, run(script));
    }

    @Test
    void grantingOneAccessDoesNotGrantTheOthers() {
        Script script = js("typeof Java").allowing(Set.of(ScriptPermission.ENVIRONMENT));
        assertEquals("undefined", run(script));
    }

    @Test
    void permissionsAreNamedAsJobFilesWriteThem() {
        assertEquals(List.of("files", "network", "environment", "processes", "host-classes"),
                List.of(ScriptPermission.values()).stream().map(ScriptPermission::jobName).toList());
        assertEquals(ScriptPermission.HOST_CLASSES, ScriptPermission.fromName("host-classes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScriptPermission.fromName("internet"));
        assertEquals("unknown script access 'internet' (expected one of files, network, environment, processes, "
                + "host-classes)",
                e.getMessage());
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
