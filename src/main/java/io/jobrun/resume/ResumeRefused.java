package io.jobrun.resume;

/** A resume that cannot go ahead; the message says why and what to do. Nothing has run. */
public final class ResumeRefused extends Exception {
    public ResumeRefused(String message) {
        super(message);
    }
}
