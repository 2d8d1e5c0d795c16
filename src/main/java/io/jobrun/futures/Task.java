package io.jobrun.futures;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A unit of work for {@link Executor#submit}: a {@link Callable} that is also {@link Serializable}, so that a lambda
 * written where a {@code Task} is expected can cross to a worker process when its captured values can.
 */
@FunctionalInterface
public interface Task<T> extends Callable<T>, Serializable {
}
