package io.jobrun.run;

/** Something that watches a run: the summary, the progress line. Called on the interpreter's and workers' threads. */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);
}
