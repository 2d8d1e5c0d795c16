package io.jobrun.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a report file goes: {@code --report json=out/run.json}, or the file that {@code GITHUB_STEP_SUMMARY} names.
 *
 * @param path   as the user wrote it; {@value #JOB} in it stands for the job file's name without its extension, so
 *               that one invocation with several job files writes a report per file
 * @param append add to the end of the file (a CI step summary that other steps write too); otherwise the file is
 *               replaced whole, atomically
 */
public record ReportTarget(String path, boolean append) {
    /** Stands for the job's name in a path: {@code reports/{job}.json}. */
    public static final String JOB = "{job}";

    public ReportTarget {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("a report needs a file name");
        }
    }

    public static ReportTarget replacing(String path) {
        return new ReportTarget(path, false);
    }

    public static ReportTarget appending(String path) {
        return new ReportTarget(path, true);
    }

    /** Whether the path names each job's file apart ({@value #JOB}). */
    public boolean perJob() {
        return path.contains(JOB);
    }

    /** The file for the job file {@code jobFile}: "jobs/etl.yaml" makes "reports/{job}.json" "reports/etl.json". */
    public Path resolve(String jobFile) {
        String name = Path.of(jobFile).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String job = dot > 0 ? name.substring(0, dot) : name;
        return Path.of(path.replace(JOB, job));
    }
}
