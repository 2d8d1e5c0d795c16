package io.jobrun.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This build of jobrun: its version and the moment Maven built it, from {@code io/jobrun/cli/version.properties}, or
 * from the system properties {@code jobrun.version} and {@code jobrun.build} when {@code bin/jobrun} passes them.
 *
 * <p>NOTE: {@code bin/jobrun} passes them because reading a resource costs a run's start 6-12 ms: the first resource
 * a JVM reads opens the runner's jar once more, through URL handlers that load and run cold, while every class the
 * run needs comes from the AOT cache without opening a jar at all.
 */
public record BuildInfo(String version, String build) {
    /** The system property {@code bin/jobrun} sets to the version. */
    public static final String VERSION_PROPERTY = "jobrun.version";
    /** The system property {@code bin/jobrun} sets to the moment of the build. */
    public static final String BUILD_PROPERTY = "jobrun.build";
    private static final String UNKNOWN = "unknown";

    /** This build, read once. */
    public static BuildInfo current() {
        return Current.INFO;
    }

    /** The version and the moment of the build together ("0.1.0@2026-12-02T08:38:24"): a new build, a new id. */
    public String id() {
        return version + "@" + build;
    }

    private static final class Current {
        static final BuildInfo INFO = read(System.getProperty(VERSION_PROPERTY), System.getProperty(BUILD_PROPERTY));
    }

    /** The build {@code version} and {@code build} name when both are given, else the one version.properties names. */
    static BuildInfo read(String version, String build) {
        if (version != null && build != null) {
            return new BuildInfo(version, build);
        }
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/jobrun/cli/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unknown build: compiled job files are not reused across it, and the version reads "unknown"
        }
        return new BuildInfo(properties.getProperty("version", UNKNOWN), properties.getProperty("build", UNKNOWN));
    }
}
