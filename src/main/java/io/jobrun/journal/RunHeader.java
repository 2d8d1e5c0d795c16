package io.jobrun.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the first line of a journal says about its run.
 *
 * @param id        the run's id, also its file's name: "20261201T134002.123Z-4242"
 * @param job       the job file as the user gave it
 * @param jobSha256 the SHA-256 of the job file's bytes
 * @param params    the parameters in force
 * @param resumes   the id of the run it resumes, or null
 */
public record RunHeader(String id, String job, String jobSha256, Map<String, String> params, String jobrunVersion,
                        long pid, Instant pidStarted, String resumes) {
    public RunHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(job, "job");
        params = Map.copyOf(params);
    }
}
