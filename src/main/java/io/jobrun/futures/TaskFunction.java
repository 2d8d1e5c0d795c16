package io.jobrun.futures;

import java.io.Serializable;

/** The function of {@link Executor#map}: one input to one result, allowed to throw, serializable like {@link Task}. */
@FunctionalInterface
public interface TaskFunction<A, R> extends Serializable {
    R apply(A input) throws Exception;
}
