package io.jobrun.run;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Task;
import io.jobrun.job.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Work that task code submitted itself ({@code io.submit { ... }}): each submission becomes a report row and its
 * events are published like a declared task's. Thread-safe: submissions come from any worker.
 */
final class SubmittedWork {
    private final Pools pools;
    private final EventBus events;
    private final Ticker ticker;
    /** Rows in submission order; a row's outcome is null while it is pending. Guarded by this. */
    private final List<Row> rows = new ArrayList<>();
    /** Set when the run stops; later submissions are refused. Guarded by this. */
    private boolean stopped;

    private static final class Row {
        final TaskInstance instance;
        final Attempt attempt;
        Future<?> future;
        TaskOutcome outcome;

        Row(TaskInstance instance, Attempt attempt) {
            this.instance = instance;
            this.attempt = attempt;
        }
    }

    SubmittedWork(Pools pools, EventBus events, Ticker ticker) {
        this.pools = pools;
        this.events = events;
        this.ticker = ticker;
    }

    <T> Future<T> submit(String executorName, String label, SourcePosition position, Task<T> work,
                         Duration timeLimit) {
        return submitTo(pools.get(executorName), executorName, label, position, work, timeLimit);
    }

    @SuppressWarnings("unchecked")
    <T> Future<T> submitTo(Executor pool, String poolName, String label, SourcePosition position, Task<T> work,
                           Duration timeLimit) {
        TaskInstance instance = new TaskInstance(label, null, poolName, null, position);
        Row[] holder = new Row[1];
        Attempt attempt = new Attempt((Task<Object>) work, () -> events.publish(new RunEvent.TaskStarted(instance, 1)),
                ticker);
        Row row = new Row(instance, attempt);
        holder[0] = row;
        synchronized (this) {
            if (stopped) {
                throw new CancelledException("the run is stopping; '" + label + "' was not submitted");
            }
            rows.add(row);
        }
        Future<Object> future = pool.submit(attempt, timeLimit);
        synchronized (this) {
            row.future = future;
        }
        // NOTE: finish off the completing thread: for a timeout that is the time-limit timer, which must stay free
        // to interrupt the worker while finish waits to see whether the work leaked.
        future.addDoneCallback(done -> Thread.ofVirtual().name("jobrun-finish").start(() -> finish(holder[0], done)));
        return (Future<T>) future;
    }

    private void finish(Row row, Future<Object> done) {
        long end = ticker.nanos();
        Duration runTime = row.attempt.started() ? Duration.ofNanos(end - row.attempt.startNanos()) : Duration.ZERO;
        TaskStatus status;
        Object result = null;
        Throwable error = null;
        if (done.cancelled()) {
            status = TaskStatus.CANCELLED;
            error = new CancelledException("cancelled before it started");
        } else {
            error = done.exception();
            if (error == null) {
                status = TaskStatus.OK;
                result = done.result();
            } else if (error instanceof FutureTimeoutException) {
                status = row.attempt.awaitReturn(1000) ? TaskStatus.TIMEOUT : TaskStatus.LEAKED;
            } else {
                status = TaskStatus.FAILED;
            }
        }
        TaskOutcome outcome = new TaskOutcome(row.instance, status, result, error, row.attempt.started() ? 1 : 0,
                runTime);
        synchronized (this) {
            row.outcome = outcome;
            notifyAll();
        }
        events.publish(new RunEvent.TaskFinished(outcome));
    }

    /** Stops everything: cancels what has not started, interrupts what runs, refuses new work. */
    void stop() {
        List<Row> snapshot;
        synchronized (this) {
            stopped = true;
            snapshot = new ArrayList<>(rows);
        }
        for (Row row : snapshot) {
            if (row.future != null) {
                row.future.cancel();
            }
            row.attempt.interrupt();
        }
    }

    /**
     * Waits up to {@code grace} for every submission to end, then returns all outcomes in submission order; work
     * still running by then is reported as leaked.
     */
    List<TaskOutcome> awaitOutcomes(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<TaskOutcome> outcomes = new ArrayList<>();
        synchronized (this) {
            stopped = true;
            try {
                while (rows.stream().anyMatch(r -> r.outcome == null)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Row row : rows) {
                outcomes.add(row.outcome != null ? row.outcome
                        : new TaskOutcome(row.instance, TaskStatus.LEAKED, null,
                                new RunnerDecision("still running when the run ended"), 1, Duration.ZERO));
            }
        }
        return outcomes;
    }

    /** The context one attempt of a declared task runs with. */
    io.jobrun.job.TaskContext contextFor(TaskInstance instance, Map<String, Object> results) {
        SubmittedWork work = this;
        return new io.jobrun.job.TaskContext() {
            private int submitted;

            @Override
            public String taskName() {
                return instance.name();
            }

            @Override
            public Object input() {
                return instance.spec() != null && instance.spec().inputFrom() != null
                        ? results.get(instance.spec().inputFrom()) : instance.item();
            }

            @Override
            public Map<String, Object> results() {
                return results;
            }

            @Override
            public <T> Future<T> submit(String executor, String label, Task<T> task, Duration timeLimit) {
                return work.submit(executor, labelOr(label, executor), instance.position(), task, timeLimit);
            }

            @Override
            public <T> Future<T> submitTo(Executor pool, String poolName, String label, Task<T> task,
                                          Duration timeLimit) {
                return work.submitTo(pool, poolName, labelOr(label, poolName), instance.position(), task, timeLimit);
            }

            private synchronized String labelOr(String label, String executor) {
                submitted++;
                return label != null ? label : instance.name() + "/" + executor + "-" + submitted;
            }
        };
    }
}
