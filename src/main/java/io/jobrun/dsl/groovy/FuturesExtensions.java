package io.jobrun.dsl.groovy;

import io.jobrun.futures.DoneAndNotDone;
import io.jobrun.futures.Future;
import io.jobrun.job.text.Suggestions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The futures API as Python users write it in Groovy task code, added to the Java types by Groovy's extension
 * mechanism (registered in {@code META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule}), so that
 * {@code io.jobrun.futures} stays plain Java: {@code def (done, notDone) = wait(fs)}, {@code f.result(2)} and
 * {@code f.result(timeout: 2)} in seconds, or with a duration such as {@code '2s'}.
 */
public final class FuturesExtensions {
    private static final List<String> TIMEOUT = List.of("timeout");

    private FuturesExtensions() {
    }

    /** {@code def (done, notDone) = wait(fs, FIRST_COMPLETED)}: Python's named tuple, taken apart by position. */
    public static <T> Set<Future<T>> getAt(DoneAndNotDone<T> self, int index) {
        return switch (index) {
            case 0, -2 -> self.done();
            case 1, -1 -> self.notDone();
            default -> throw new IndexOutOfBoundsException("wait(...) gives two sets, done and notDone; there is no"
                    + " [" + index + "]");
        };
    }

    /** {@code wait(fs).done}. */
    public static <T> Set<Future<T>> getDone(DoneAndNotDone<T> self) {
        return self.done();
    }

    /** {@code wait(fs).notDone}. */
    public static <T> Set<Future<T>> getNotDone(DoneAndNotDone<T> self) {
        return self.notDone();
    }

    /** {@code f.result(2)}: waits at most 2 seconds, as Python's {@code f.result(timeout=2)}. */
    public static <T> T result(Future<T> self, Number seconds) {
        return self.result(timeout(seconds));
    }

    /** {@code f.result('500ms')}. */
    public static <T> T result(Future<T> self, CharSequence duration) {
        return self.result(timeout(duration));
    }

    /** {@code f.result(timeout: 2)}; {@code timeout: null} waits as long as it takes. */
    public static <T> T result(Future<T> self, Map<String, ?> options) {
        Duration limit = timeout(options, "result");
        return limit == null ? self.result() : self.result(limit);
    }

    /** {@code f.exception(2)}. */
    public static Throwable exception(Future<?> self, Number seconds) {
        return self.exception(timeout(seconds));
    }

    /** {@code f.exception('500ms')}. */
    public static Throwable exception(Future<?> self, CharSequence duration) {
        return self.exception(timeout(duration));
    }

    /** {@code f.exception(timeout: 2)}. */
    public static Throwable exception(Future<?> self, Map<String, ?> options) {
        Duration limit = timeout(options, "exception");
        return limit == null ? self.exception() : self.exception(limit);
    }

    private static Duration timeout(Object value) {
        return Options.duration("timeout", value);
    }

    private static Duration timeout(Map<String, ?> options, String method) {
        for (String key : options.keySet()) {
            if (!TIMEOUT.contains(key)) {
                throw new IllegalArgumentException(Suggestions.unknown(method + " option", key, TIMEOUT));
            }
        }
        Object value = options.get("timeout");
        return value == null ? null : timeout(value);
    }
}
