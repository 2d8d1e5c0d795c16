package io.jobrun.futures.process;

import io.jobrun.futures.Task;
import io.jobrun.futures.TaskFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The workload a worker JVM runs once to record its ahead-of-time cache ({@code -XX:AOTCacheOutput}): the frames a
 * pool sends, fed to the real {@link WorkerMain} loop in memory, so the classes and lambdas a worker needs to run
 * its first task are loaded and linked in the cache.
 */
final class WorkerTraining {
    private static final int ROUNDS = 300;

    private WorkerTraining() {
    }

    static void run() throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(frames);
        Frames.Buffer body = new Frames.Buffer(1024);
        body.data.writeByte(Frames.INIT);
        body.data.writeBoolean(false);
        Frames.write(out, body);
        TaskFunction<Object, Object> square = item -> ((Integer) item) * ((Integer) item);
        byte[] squareBytes = FilteredSerialization.serialize(square, "training function");
        for (int round = 0; round < ROUNDS; round++) {
            int base = round;
            writeTask(out, body, round, () -> base + 1);
            writeTask(out, body, round, () -> List.of("training", base));
            writeTask(out, body, round, () -> {
                throw new IllegalStateException("training failure " + base);
            });
            body.reset();
            body.data.writeByte(Frames.CHUNK);
            body.data.writeLong(round);
            body.data.writeLong(1);
            body.data.writeBoolean(round == 0);
            if (round == 0) {
                Wire.writeBytes(body.data, squareBytes);
            }
            body.data.writeInt(3);
            Wire.writeValue(body.data, round, "item");
            Wire.writeValue(body.data, "not a number", "item");
            Wire.writeValue(body.data, (long) round, "item");
            Frames.write(out, body);
        }
        new WorkerMain(new ByteArrayInputStream(frames.toByteArray()), new ByteArrayOutputStream()).serve();
    }

    private static void writeTask(DataOutputStream out, Frames.Buffer body, long callId, Task<?> task)
            throws IOException {
        body.reset();
        body.data.writeByte(Frames.TASK);
        body.data.writeLong(callId);
        Wire.writeBytes(body.data, FilteredSerialization.serialize(task, "training task"));
        Frames.write(out, body);
    }
}
