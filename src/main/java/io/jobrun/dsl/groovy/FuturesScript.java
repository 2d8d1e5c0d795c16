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
        return Futures.asCompleted(futures, timeout(options, "asCompleted option", Vocabulary.AS_COMPLETED_OPTIONS));
    }

    /**
     * {@code asCompleted(futureToUrl)}: the keys of a map, as Python's {@code as_completed} iterates a dict's keys
     * ({@code {executor.submit(load, url): url for url in urls}}).
     */
    public CompletionIterator<Object> asCompleted(Map<?, ?> futures) {
        return asCompleted(futures(futures, "asCompleted"));
    }

    public CompletionIterator<Object> asCompleted(Map<String, ?> options, Map<?, ?> futures) {
        return asCompleted(options, futures(futures, "asCompleted"));
    }

    /** {@code wait(futureToUrl)}: the keys of a map, as {@link #asCompleted(Map)}. */
    public DoneAndNotDone<Object> wait(Map<?, ?> futures) {
        return wait(futures(futures, "wait"));
    }

    public DoneAndNotDone<Object> wait(Map<?, ?> futures, ReturnWhen returnWhen) {
        return wait(futures(futures, "wait"), returnWhen);
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Map<?, ?> futures) {
        return wait(options, futures(futures, "wait"));
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Map<?, ?> futures, ReturnWhen returnWhen) {
        return wait(options, futures(futures, "wait"), returnWhen);
    }

    /** The keys of a map given for futures, which must all be futures: options alone are not. */
    @SuppressWarnings("unchecked")
    private Collection<? extends Future<Object>> futures(Map<?, ?> map, String method) {
        java.util.List<String> options = method.equals("wait") ? Vocabulary.WAIT_OPTIONS
                : Vocabulary.AS_COMPLETED_OPTIONS;
        for (Object key : map.keySet()) {
            if (!(key instanceof Future<?>)) {
                boolean optionsAlone = options.containsAll(map.keySet());
                throw mistake(method + " takes futures: a list, or a map whose keys are futures (as a Python dict of"
                        + " future to item); got " + (optionsAlone ? "options (" + String.join(", ",
                        (java.util.Set<String>) map.keySet()) + ") without futures" : "a map whose key "
                        + io.jobrun.job.text.Excerpt.of(String.valueOf(key)) + " is no future"));
            }
        }
        return (Collection<? extends Future<Object>>) map.keySet();
    }

    public DoneAndNotDone<Object> wait(Collection<? extends Future<Object>> futures) {
        return Futures.wait(futures);
    }

    public DoneAndNotDone<Object> wait(Collection<? extends Future<Object>> futures, ReturnWhen returnWhen) {
        return Futures.wait(futures, returnWhen);
    }

    /** {@code wait(fs, timeout: 5, returnWhen: FIRST_COMPLETED)}, as Python's {@code wait(fs, 5, return_when=...)}. */
    public DoneAndNotDone<Object> wait(Map<String, ?> options, Collection<? extends Future<Object>> futures) {
        Duration timeout = timeout(options, "wait option", Vocabulary.WAIT_OPTIONS);
        return Futures.wait(futures, timeout, options.containsKey("returnWhen") ? returnWhen(options.get("returnWhen"))
                : ReturnWhen.ALL_COMPLETED);
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Collection<? extends Future<Object>> futures,
                                       ReturnWhen returnWhen) {
        if (options.containsKey("returnWhen")) {
            throw mistake("wait is given returnWhen twice: as an option and as the value after the futures");
        }
        return Futures.wait(futures, timeout(options, "wait option", Vocabulary.WAIT_OPTIONS), returnWhen);
    }

    private Duration timeout(Map<String, ?> options, String noun, java.util.List<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw mistake(Suggestions.unknown(noun, key, known));
            }
        }
        return options.containsKey("timeout") ? Options.duration("timeout", options.get("timeout")) : null;
    }

    /** FIRST_COMPLETED, or its name as text in any case. */
    private ReturnWhen returnWhen(Object value) {
        if (value instanceof ReturnWhen when) {
            return when;
        }
        for (ReturnWhen when : ReturnWhen.values()) {
            if (value != null && when.name().equalsIgnoreCase(value.toString())) {
                return when;
            }
        }
        throw mistake("returnWhen is FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got "
                + (value == null ? "null" : io.jobrun.job.text.Excerpt.of(value.toString())));
    }

    private JobScriptError mistake(String message) {
        return new JobScriptError(UserErrors.where(new Throwable(), jobFile()), message);
    }
}
