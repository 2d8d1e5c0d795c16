package io.jobrun.task.script;

import static io.jobrun.task.script.Scripts.js;
import static io.jobrun.task.script.Scripts.python;
import static io.jobrun.task.script.Scripts.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each {@code allow:} grant opens, grant by grant, in both languages: the table in {@code dsl/README.md}. Each
 * grant opens its own access and none of the others; host classes open everything, through Java.
 */
class ScriptGrantTests {
    @TempDir
    Path directory;

    /** A listening socket on 127.0.0.1: a script that may open sockets connects to it. */
    private ServerSocket server;
    private Path data;
    private Path script;

    @BeforeEach
    void setUp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        data = Files.writeString(directory.resolve("data.txt"), "granted");
        script = Files.writeString(directory.resolve("lib.js"), "var loaded = 'loaded';");
    }

    @AfterEach
    void closeServer() throws IOException {
        server.close();
    }

    private static Script granting(Script script, ScriptPermission... permissions) {
        return script.allowing(Set.of(permissions));
    }

    private Script pythonReadsTheFile() {
        return python("open('" + data + "').read()");
    }

    private Script pythonConnects() {
        return python("import socket\ns = socket.create_connection(('127.0.0.1', " + server.getLocalPort()
                + "), timeout=30)\ns.close()\n'connected'");
    }

    private static Script pythonStartsAProcess() {
        return python("import subprocess\nsubprocess.run(['echo', 'started'], stdout=subprocess.PIPE, "
                + "stderr=subprocess.STDOUT).stdout.decode().strip()");
    }

    private static Script pythonReadsTheEnvironment() {
        return python("import os\n'PATH' in os.environ");
    }

    private static Script pythonCallsJava() {
        return python("import java\njava.type('java.lang.Math').max(2, 5)");
    }

    private Script javascriptLoadsAFile() {
        return js("load('" + script + "'); loaded");
    }

    private static Script javascriptCallsJava() {
        return js("Java.type('java.lang.Math').max(2, 5)");
    }

    @Test
    void pythonFilesReadsFilesButOpensNoSocket() {
        assertEquals("granted", run(granting(pythonReadsTheFile(), ScriptPermission.FILES)));
        assertThrows(ScriptException.class, () -> run(granting(pythonConnects(), ScriptPermission.FILES)));
    }

    @Test
    void pythonNetworkOpensSocketsButReadsNoFile() {
        assertEquals("connected", run(granting(pythonConnects(), ScriptPermission.NETWORK)));
        assertThrows(ScriptException.class, () -> run(granting(pythonReadsTheFile(), ScriptPermission.NETWORK)));
    }

    @Test
    void pythonProcessesAloneStartsAProcessAndOpensNothingElse() {
        assertEquals("started", run(granting(pythonStartsAProcess(), ScriptPermission.PROCESSES)));
        assertThrows(ScriptException.class, () -> run(granting(pythonReadsTheFile(), ScriptPermission.PROCESSES)));
        assertThrows(ScriptException.class, () -> run(granting(pythonConnects(), ScriptPermission.PROCESSES)));
    }

    @Test
    void pythonReadingAProcesssTwoPipesApartNeedsNetworkAndSaysSo() {
        ScriptException e = assertThrows(ScriptException.class, () -> run(granting(python("import subprocess\n"
                + "subprocess.run(['echo', 'x'], capture_output=True).stdout"), ScriptPermission.PROCESSES)));
        assertEquals("'select' is not allowed in this task's sandbox (GraalPy offers it only with allow: [network]; "
                + "to read a process's output without it, send stderr to stdout: stderr=subprocess.STDOUT)",
                e.guestMessage());
    }

    @Test
    void pythonEnvironmentReadsVariablesAndOpensNothingElse() {
        assertEquals(System.getenv().containsKey("PATH"),
                run(granting(pythonReadsTheEnvironment(), ScriptPermission.ENVIRONMENT)));
        assertThrows(ScriptException.class,
                () -> run(granting(pythonStartsAProcess(), ScriptPermission.ENVIRONMENT)));
    }

    @Test
    void pythonWithoutGrantsHasNoneOfThem() {
        assertThrows(ScriptException.class, () -> run(pythonReadsTheFile()));
        assertThrows(ScriptException.class, () -> run(pythonConnects()));
        assertThrows(ScriptException.class, () -> run(pythonStartsAProcess()));
        assertEquals(false, run(pythonReadsTheEnvironment()));
        assertThrows(ScriptException.class, () -> run(pythonCallsJava()));
    }

    @Test
    void pythonHostClassesCallsJava() {
        assertEquals(5, run(granting(pythonCallsJava(), ScriptPermission.HOST_CLASSES)));
    }

    @Test
    void javascriptFilesLoadsAScriptFileAndNoOtherGrantDoes() {
        assertEquals("loaded", run(granting(javascriptLoadsAFile(), ScriptPermission.FILES)));
        for (ScriptPermission other : Set.of(ScriptPermission.NETWORK, ScriptPermission.ENVIRONMENT,
                ScriptPermission.PROCESSES)) {
            assertThrows(ScriptException.class, () -> run(granting(javascriptLoadsAFile(), other)), other.jobName());
        }
        assertThrows(ScriptException.class, () -> run(javascriptLoadsAFile()));
    }

    @Test
    void javascriptHasNoNetworkEnvironmentOrProcessApiOfItsOwn() {
        String api = "[typeof fetch, typeof XMLHttpRequest, typeof process, typeof require, typeof Java].join(' ')";
        String none = "undefined undefined undefined undefined undefined";
        for (ScriptPermission grant : Set.of(ScriptPermission.NETWORK, ScriptPermission.ENVIRONMENT,
                ScriptPermission.PROCESSES, ScriptPermission.FILES)) {
            assertEquals(none, run(granting(js(api), grant)), grant.jobName());
        }
    }

    @Test
    void javascriptHostClassesCallsJavaAndThroughItReadsFiles() {
        assertEquals(5, run(granting(javascriptCallsJava(), ScriptPermission.HOST_CLASSES)));
        assertEquals("granted", run(granting(js("Java.type('java.nio.file.Files').readString("
                + "Java.type('java.nio.file.Path').of('" + data + "'))"), ScriptPermission.HOST_CLASSES)));
    }
}
