package io.jobrun.dsl.groovy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code pool.submit(fn, a, b)}, as Python's {@code executor.submit(fn, *args)} passes them: what
 * {@link ClosureCode#runWith} calls the function with, on a thread or, sent with it, in a worker JVM.
 *
 * @param values the arguments, in order
 */
record CallArguments(List<Object> values) implements Serializable {
    CallArguments {
        values = new ArrayList<>(values); // NOTE: may hold nulls, and is sent to workers: a plain ArrayList
    }
}
