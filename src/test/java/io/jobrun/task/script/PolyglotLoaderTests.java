package io.jobrun.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    void engineDescribesTheGraalVmReleaseItRuns() {
        assertTrue(ScriptEngine.shared().describe().startsWith("GraalVM Polyglot 25.0.3, "),
                ScriptEngine.shared().describe());
    }

    @Test
    void missingJarsAreReportedWithHowToBuildThem(@TempDir Path empty) {
        String previous = System.setProperty(PolyglotLoader.JARS_PROPERTY, empty.toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, PolyglotLoader::load);
            assertEquals("script tasks need the GraalVM polyglot jars in " + empty + ", and there are none; build"
                    + " them with 'mvn prepare-package' (bin/jobrun and bin/test do it) or set -D"
                    + PolyglotLoader.JARS_PROPERTY + "=DIRECTORY", e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(PolyglotLoader.JARS_PROPERTY);
            } else {
                System.setProperty(PolyglotLoader.JARS_PROPERTY, previous);
            }
        }
    }
}
