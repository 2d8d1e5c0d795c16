package io.jobrun.futures;

import java.util.Set;

/**
 * What {@link Futures#wait} returns: the futures that were done and those that were not, at the moment it returned.
 * Both sets are unmodifiable, keep the input's order, and compare futures by identity.
 */
public record DoneAndNotDone<T>(Set<Future<T>> done, Set<Future<T>> notDone) {
    public DoneAndNotDone {
        done = java.util.Collections.unmodifiableSet(done);
        notDone = java.util.Collections.unmodifiableSet(notDone);
    }
}
