package io.jobrun.run;

import io.jobrun.job.Elapsed;
import io.jobrun.job.TaskView;

/**
 * What a callback sees of a finished task. Not the {@link TaskOutcome} itself: Groovy reads {@code t.status} of a
 * record as its component (an enum printing {@code OK}, never equal to {@code 'ok'}), where a job file must get the
 * word it compares with.
 */
final class OutcomeView implements TaskView {
    private final TaskOutcome outcome;

    OutcomeView(TaskOutcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public String getName() {
        return outcome.task().name();
    }

    @Override
    public String getStatus() {
        return outcome.status().word();
    }

    @Override
    public Object getResult() {
        return outcome.result();
    }

    @Override
    public Throwable getError() {
        return outcome.error();
    }

    @Override
    public int getAttempts() {
        return outcome.attempts();
    }

    @Override
    public Elapsed getDuration() {
        return new Elapsed(outcome.runTime());
    }

    @Override
    public String toString() {
        return getName() + " " + getStatus();
    }
}
