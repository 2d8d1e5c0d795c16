package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTests {
    @Test
    void versionAndBuildGivenByTheLauncherAreTakenAsTheyAre() {
        BuildInfo given = BuildInfo.read("9.9.9", "2026-12-02T09:00:00.000");

        assertEquals("9.9.9", given.version());
        assertEquals("9.9.9@2026-12-02T09:00:00.000", given.id());
    }

    @Test
    void withoutBothPropertiesTheBuildsVersionFileIsRead() throws Exception {
        Properties file = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/jobrun/cli/version.properties")) {
            file.load(in);
        }

        BuildInfo read = BuildInfo.read("9.9.9", null);

        assertEquals(file.getProperty("version"), read.version());
        assertEquals(file.getProperty("version") + "@" + file.getProperty("build"), read.id());
        assertNotEquals("unknown", read.version());
    }
}
