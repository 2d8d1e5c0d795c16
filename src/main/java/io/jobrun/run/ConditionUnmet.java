package io.jobrun.run;

/**
 * Why a task was skipped when that was meant: its {@code when:} was false, or that of a task it runs after. Such a
 * skip fails nothing, unlike one because a task it runs after failed ({@link RunnerDecision}).
 */
public final class ConditionUnmet extends RuntimeException {
    /** The condition that was false, said as "when: ${params.deploy} is false", however long the chain of skips. */
    private final String condition;

    private ConditionUnmet(String message, String condition) {
        super(message, null, false, false);
        this.condition = condition;
    }

    /** A task whose own condition was false. */
    static ConditionUnmet of(String condition) {
        return new ConditionUnmet(condition, condition);
    }

    /** A task after {@code task}, which was skipped as meant for {@code why}. */
    static ConditionUnmet after(String task, ConditionUnmet why) {
        return new ConditionUnmet("skipped because '" + task + "' was skipped (" + why.condition + ")",
                why.condition);
    }
}
