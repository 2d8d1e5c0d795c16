package io.jobrun.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The polyglot jars stay off jobrun's class path and are loaded on the first script, from target/polyglot. */
class PolyglotLoaderTests {
    @Test
    void polyglotIsNotOnTheApplicationClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.graalvm.polyglot.Engine", false, ScriptEngine.class.getClassLoader()));
    }

    @Test
    void jarsAreFoundBesideJobrunsClasses() {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        assertEquals(classes.resolveSibling("polyglot"), PolyglotLoader.jarDirectory());
    }

    @Test
    void languagesOfTheTestBuildAreInstalledAndTheApiAloneIsNot(@TempDir Path apiOnly) throws Exception {
        assertTrue(ScriptEngine.languagesInstalled(), "bin/test builds with the scripts profile");
        for (String jar : List.of("polyglot-25.0.3.jar", "collections-25.0.3.jar", "word-25.0.3.jar")) {
            Files.writeString(apiOnly.resolve(jar), "");
        }
        String previous = System.setProperty(PolyglotLoader.JARS_PROPERTY, apiOnly.toString());
        try {
            assertFalse(ScriptEngine.languagesInstalled(), "what a build without the scripts profile copies");
        } finally {
            System.setProperty(PolyglotLoader.JARS_PROPERTY, previous == null ? "" : previous);
            if (previous == null) {
                System.clearProperty(PolyglotLoader.JARS_PROPERTY);
            }
        }
    }

    @Test
    void engineDescribesTheGraalVmReleaseItRuns() {
        assertTrue(ScriptEngine.shared().describe().startsWith("GraalVM Polyglot 25.0.3, "),
                ScriptEngine.shared().describe());
    }

    @Test
    void missingJarsAreReportedWithHowToBuildThem(@TempDir Path empty) {
        String previous = System.setProperty(PolyglotLoader.JARS_PROPERTY, empty.toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, PolyglotLoader::load);
            assertEquals("script tasks need the GraalVM polyglot jars in " + empty + ", and there are none; fetch"
                    + " them with 'bin/jobrun --install-scripts' or set -D" + PolyglotLoader.JARS_PROPERTY
                    + "=DIRECTORY", e.getMessage());
            assertFalse(ScriptEngine.languagesInstalled(), "no languages in an empty folder");
        } finally {
            if (previous == null) {
                System.clearProperty(PolyglotLoader.JARS_PROPERTY);
            } else {
                System.setProperty(PolyglotLoader.JARS_PROPERTY, previous);
            }
        }
    }
}
