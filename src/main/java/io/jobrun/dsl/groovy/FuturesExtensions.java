package io.jobrun.dsl.groovy;

import io.jobrun.futures.DoneAndNotDone;
import io.jobrun.futures.Future;
import io.jobrun.job.text.Suggestions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

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

    /**
     * {@code f.result()} raises what the work threw, checked or not, so that {@code catch (IOException e)} around it
     * catches it as Python's {@code except OSError} does. Java's {@link Future#result()} wraps a checked exception in
     * a {@link CompletionException} for Java callers, who must declare what they throw; Groovy code declares nothing,
     * and this method, an extension of the same signature, takes the Java method's place in Groovy code.
     */
    public static <T> T result(Future<T> self) {
        return result(self, (Duration) null);
    }

    /** {@code f.result(Duration.ofSeconds(2))}, unwrapped as {@link #result(Future)}. */
    public static <T> T result(Future<T> self, Duration timeout) {
        try {
            return self.result(timeout);
        } catch (CompletionException wrapped) {
            if (wrapped.getCause() != null && wrapped.getCause() == self.exception(Duration.ZERO)) {
                throw FuturesExtensions.<RuntimeException>raise(wrapped.getCause());
            }
            throw wrapped;
        }
    }

    /** {@code f.result(2)}: waits at most 2 seconds, as Python's {@code f.result(timeout=2)}. */
    public static <T> T result(Future<T> self, Number seconds) {
        return result(self, timeout(seconds));
    }

    /** {@code f.result('500ms')}. */
    public static <T> T result(Future<T> self, CharSequence duration) {
        return result(self, timeout(duration));
    }

    /** {@code f.result(timeout: 2)}; {@code timeout: null} waits as long as it takes. */
    public static <T> T result(Future<T> self, Map<String, ?> options) {
        return result(self, timeout(options, "result"));
    }

    /**
     * What a failed item of {@code pool.map} raises in Groovy code: the work's exception itself, as
     * {@link #result(Future)} raises it, where the iterator wrapped a checked one.
     */
    static Throwable unwrapped(RuntimeException error) {
        if (error instanceof CompletionException wrapped && wrapped.getCause() != null
                && !(wrapped.getCause() instanceof RuntimeException) && !(wrapped.getCause() instanceof Error)) {
            return wrapped.getCause();
        }
        return error;
    }

    /**
     * Throws {@code error}, checked or not, without declaring it: the Java compiler checks what a method throws, the
     * JVM does not. Declared to return, so that a caller writes {@code throw raise(e)} and the compiler knows it ends.
     */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException raise(Throwable error) throws E {
        throw (E) error;
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
