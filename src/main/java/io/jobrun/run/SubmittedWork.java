package io.jobrun.run;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.job.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Work that task code submitted itself ({@code io.submit { ... }}): each submission becomes a report row whose
 * attempt ends through the interpreter's inbox like a declared task's, and is classified the same way. Submissions
 * come from any worker; the rows' outcomes are written by the interpreter's thread.
 */
final class SubmittedWork {
    private final Pools pools;
    private final Inbox inbox;
    private final Ticker ticker;
    /** Rows in submission order. Guarded by this. */
    private final List<InstanceRun> rows = new ArrayList<>();
    /** Rows whose attempt has not been settled yet. Guarded by this. */
    private final Set<InstanceRun> inFlight = new LinkedHashSet<>();
    /** Set when the run stops or ends; later submissions are refused. Guarded by this. */
    private boolean closed;

    SubmittedWork(Pools pools, Inbox inbox, Ticker ticker) {
        this.pools = pools;
        this.inbox = inbox;
        this.ticker = ticker;
    }

    /**
     * Submits {@code work} as a row named {@code label}.
     *
     * @param pool     a pool that code created for itself, or null for the declared executor {@code poolName}
     * @param position where the submitting task was declared
     * @param elsewhere whether {@code work} runs in a worker process, where it cannot tell this run it started
     */
    @SuppressWarnings("unchecked")
    <T> Future<T> submit(Executor pool, String poolName, String label, SourcePosition position, Task<T> work,
                         Duration timeLimit, boolean elsewhere) {
        Executor target = pool != null ? pool : pools.get(poolName);
        Attempt attempt;
        Future<Object> future;
        // NOTE: registered and submitted under one lock, so that a stop either refuses this work or sees it.
        synchronized (this) {
            if (closed) {
                throw new CancelledException("the run is stopping; '" + label + "' was not submitted");
            }
            InstanceId id = new InstanceId(label, rows.size());
            InstanceRun row = new InstanceRun(new TaskInstance(id, label, null, poolName, null, position), null, 0);
            if (elsewhere) {
                attempt = new Attempt(row, 1, poolName, ticker.nanos(), null, inbox);
                future = target.submit((Task<Object>) work, timeLimit);
                attempt.startedElsewhere();
            } else {
                attempt = new Attempt(row, 1, poolName, ticker.nanos(), (Task<Object>) work, inbox);
                future = target.submit(attempt, timeLimit);
            }
            attempt.future = future;
            row.current = attempt;
            row.state = InstanceRun.State.IN_FLIGHT;
            rows.add(row);
            inFlight.add(row);
        }
        inbox.endsWith(attempt, future);
        return (Future<T>) future;
    }

    /** A row has its final status. */
    synchronized void settled(InstanceRun row) {
        inFlight.remove(row);
    }

    /** Whether every row submitted so far has its final status. */
    synchronized boolean idle() {
        return inFlight.isEmpty();
    }

    /** Refuses further submissions; returns the rows still in flight, to be stopped. */
    synchronized List<InstanceRun> close() {
        closed = true;
        return new ArrayList<>(inFlight);
    }

    /** Every row in submission order, once the run is over. */
    synchronized List<InstanceRun> rows() {
        return new ArrayList<>(rows);
    }
}
