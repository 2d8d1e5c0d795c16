package io.jobrun.futures.process;

import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One call sent to a worker: a single task, or a chunk of a map with one future per item. Everything is serialized
 * when the call is made, in the submitting thread, so an unsendable task fails at once and dispatch only copies
 * bytes.
 */
final class ProcessCall {
    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    /** One future per item (one for a task); completed by whoever settles the call first. */
    private final List<Future<Object>> futures;
    /** Null for no limit; only tasks have one. */
    final Duration timeLimit;
    /** TASK: the serialized task. CHUNK: the items' values, one after another. */
    private final byte[] payload;
    /** CHUNK only: where each item starts in {@link #payload}, plus its end. */
    private final int[] itemStarts;
    /** CHUNK only: the map's function. */
    private final MapFunction function;
    /** Which futures were still live (not cancelled) at dispatch; written once by {@link #markRunning}. */
    private boolean[] sent;

    /** TASK only: the submitted task when it hears what its copy in the worker reports; else null. */
    final TaskProgress.Listener listener;

    /** A map's function, serialized once per map and sent at most once to each worker. */
    record MapFunction(long id, byte[] bytes) {
    }

    private ProcessCall(List<Future<Object>> futures, Duration timeLimit, byte[] payload, int[] itemStarts,
                        MapFunction function, TaskProgress.Listener listener) {
        this.futures = futures;
        this.listener = listener;
        this.timeLimit = timeLimit;
        this.payload = payload;
        this.itemStarts = itemStarts;
        this.function = function;
    }

    /** @throws TaskSerializationException when the task cannot be serialized */
    static ProcessCall task(Future<Object> future, Task<?> task, Duration timeLimit) {
        return new ProcessCall(List.of(future), timeLimit, FilteredSerialization.serialize(task, "the task"), null,
                null, task instanceof TaskProgress.Listener listener ? listener : null);
    }

    /**
     * A chunk of a map; an item that cannot be serialized fails its own future and is left out.
     */
    static ProcessCall chunk(MapFunction function, List<?> items, List<Future<Object>> futures) {
        Frames.Buffer values = new Frames.Buffer(16 * items.size() + 16);
        int[] starts = new int[items.size() + 1];
        for (int i = 0; i < items.size(); i++) {
            starts[i] = values.size();
            try {
                Wire.writeValue(values.data, items.get(i), "map item " + i + " of the chunk");
            } catch (TaskSerializationException e) {
                values.truncate(starts[i]);
                futures.get(i).finish(null, e);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        starts[items.size()] = values.size();
        return new ProcessCall(futures, null, values.toByteArray(), starts, function, null);
    }

    MapFunction function() {
        return function;
    }

    /**
     * Moves every future still pending to RUNNING and acknowledges the cancelled ones.
     *
     * @return whether anything is left to run
     */
    boolean markRunning() {
        sent = new boolean[futures.size()];
        boolean any = false;
        for (int i = 0; i < sent.length; i++) {
            Future<Object> future = futures.get(i);
            sent[i] = startIfPending(future);
            any |= sent[i];
        }
        return any;
    }

    /** Writes the TASK or CHUNK frame of the items marked running. */
    void writeTo(DataOutputStream out, Frames.Buffer body, boolean withFunction) throws IOException {
        body.reset();
        if (function == null) {
            body.data.writeByte(Frames.TASK);
            body.data.writeLong(id);
            Wire.writeBytes(body.data, payload);
        } else {
            body.data.writeByte(Frames.CHUNK);
            body.data.writeLong(id);
            body.data.writeLong(function.id());
            body.data.writeBoolean(withFunction);
            if (withFunction) {
                Wire.writeBytes(body.data, function.bytes());
            }
            body.data.writeInt(sentCount());
            for (int i = 0; i < sent.length; i++) {
                if (sent[i]) {
                    body.write(payload, itemStarts[i], itemStarts[i + 1] - itemStarts[i]);
                }
            }
        }
        Frames.write(out, body);
    }

    /** How many items went out: the length of the RESULTS frame that answers this call. */
    int sentCount() {
        int count = 0;
        for (boolean s : sent) {
            count += s ? 1 : 0;
        }
        return count;
    }

    /** Completes the sent futures, in order, from the worker's answer. */
    void complete(Object[] values, Throwable[] errors) {
        int next = 0;
        for (int i = 0; i < sent.length; i++) {
            if (sent[i]) {
                futures.get(i).finish(values[next], errors[next]);
                next++;
            }
        }
    }

    /** Whether {@code future} is one of this call's. */
    boolean holds(Future<?> future) {
        for (Future<Object> mine : futures) {
            if (mine == future) {
                return true;
            }
        }
        return false;
    }

    /** Fails every sent future that is not done, each with its own exception from {@code reason}. */
    void fail(Supplier<? extends Throwable> reason) {
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] && !futures.get(i).done()) {
                futures.get(i).finish(null, reason.get());
            }
        }
    }

    /** For a call that will never be sent: fails its live futures and acknowledges the cancelled ones. */
    void abandon(Supplier<? extends Throwable> reason) {
        for (Future<Object> future : futures) {
            if (startIfPending(future)) {
                future.finish(null, reason.get());
            }
        }
    }

    /**
     * PENDING moves to RUNNING (true); CANCELLED is acknowledged (false); a future already settled, such as an item
     * that failed to serialize, is left alone (false). Only the one thread that dispatches or drops a call calls this.
     */
    private static boolean startIfPending(Future<Object> future) {
        return switch (future.futureState()) {
            case PENDING, CANCELLED -> future.setRunningOrNotifyCancel();
            case RUNNING, CANCELLED_AND_NOTIFIED, FINISHED -> false;
        };
    }

    /** For shutdown(cancelFutures): cancels the futures of a call that was never sent. */
    void cancelQueued() {
        for (Future<Object> future : futures) {
            future.cancel();
            startIfPending(future);
        }
    }
}
