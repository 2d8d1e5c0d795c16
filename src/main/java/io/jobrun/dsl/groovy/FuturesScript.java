package io.jobrun.dsl.groovy;

import groovy.lang.Script;
import io.jobrun.futures.CompletionIterator;
import io.jobrun.futures.DoneAndNotDone;
import io.jobrun.futures.Future;
import io.jobrun.futures.Futures;
import io.jobrun.futures.ReturnWhen;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.text.Suggestions;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The futures API as task code calls it, shaped like Python's {@code concurrent.futures}: {@code wait},
 * {@code asCompleted} and an interruptible {@code sleep}; timeouts are seconds as in Python, or durations.
 */
public abstract class FuturesScript extends Script {
    /** The job file this script is, for the place of a mistake. */
    abstract JobFile jobFile();

    /**
     * Sleeps, and stops early when the task is interrupted (time limit, halt, Ctrl-C). Replaces Groovy's own
     * {@code sleep}, which ignores interrupts and would turn every timed-out task into a leaked one.
     */
    public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    public CompletionIterator<Object> asCompleted(Collection<? extends Future<Object>> futures) {
        return Futures.asCompleted(futures);
    }

    /** {@code asCompleted(fs, timeout: 15)}: seconds, or a duration such as '15s'. */
    public CompletionIterator<Object> asCompleted(Map<String, ?> options, Collection<? extends Future<Object>> futures) {
        return Futures.asCompleted(futures, waitTimeout(options));
    }

    public DoneAndNotDone<Object> wait(Collection<? extends Future<Object>> futures) {
        return Futures.wait(futures);
    }

    public DoneAndNotDone<Object> wait(Collection<? extends Future<Object>> futures, ReturnWhen returnWhen) {
        return Futures.wait(futures, returnWhen);
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Collection<? extends Future<Object>> futures) {
        return Futures.wait(futures, waitTimeout(options), ReturnWhen.ALL_COMPLETED);
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Collection<? extends Future<Object>> futures,
                                       ReturnWhen returnWhen) {
        return Futures.wait(futures, waitTimeout(options), returnWhen);
    }

    private Duration waitTimeout(Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!key.equals("timeout")) {
                throw new JobScriptError(UserErrors.where(new Throwable(), jobFile()),
                        Suggestions.unknown("wait option", key, Vocabulary.WAIT_OPTIONS));
            }
        }
        return options.containsKey("timeout") ? Options.duration("timeout", options.get("timeout")) : null;
    }
}
