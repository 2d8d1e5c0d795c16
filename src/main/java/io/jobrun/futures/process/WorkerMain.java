package io.jobrun.futures.process;

import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.TaskFunction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a worker JVM: reads calls, runs them one at a time on this thread, writes the results.
 *
 * <p>It is kept lean on purpose (no logging framework, few classes) because its start-up is the pool's start-up.
 * The protocol streams are taken before any task runs, and {@code System.out}/{@code System.in} are then pointed
 * away from them, so that nothing a task prints or reads can touch a frame. With {@code --fds} the launcher has
 * already moved the protocol to descriptors 3 (out) and 4 (in) and pointed descriptors 1 and 0 at stderr and
 * /dev/null, which also protects it from native code and child processes writing to fd 1.
 *
 * <p>The worker exits, killing the processes it started, when its input closes (the pool retires it, or the parent
 * died and the pipe closed) or when a watcher thread sees the parent process gone.
 */
public final class WorkerMain {
    /** How often the watcher checks that the parent is alive, for a worker busy in a task that never reads input. */
    private static final long PARENT_CHECK_MILLIS = 200;
    /** The argument that gives a worker its {@link ProcessMark}'s token. */
    static final String MARK_OPTION = "--mark=";
    /** Functions of map calls kept deserialized; the pool mirrors this cache to know which it must send again. */
    static final int FUNCTION_CACHE_SIZE = 64;

    /** The token of the mark this worker and what it starts carry, or null; set once at start. */
    private static volatile String ownMark;
    /** Set once at start, by {@link #watchParent()}. */
    private static volatile ProcessHandle parent;
    /** The worker this JVM serves as, once it serves: where {@link TaskProgress} sends. */
    private static volatile WorkerMain serving;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final Frames.Buffer body = new Frames.Buffer(8192);
    private final Map<Long, TaskFunction<Object, Object>> functions = FunctionCache.create();
    /** The TASK call running now, 0 between calls: what progress reported now belongs to. */
    private volatile long runningCall;
    /** The body of a progress frame; guarded by {@link #out}, as every write to it is. */
    private final Frames.Buffer progress = new Frames.Buffer(256);

    WorkerMain(InputStream in, OutputStream out) {
        this.in = new DataInputStream(new BufferedInputStream(in, 65536));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 65536));
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--train")) {
            WorkerTraining.run();
            return;
        }
        boolean movedFds = args.length > 0 && args[0].equals("--fds");
        if (args.length > 1 && args[1].startsWith(MARK_OPTION)) {
            ownMark = args[1].substring(MARK_OPTION.length());
        }
        InputStream protocolIn = movedFds ? new FileInputStream("/dev/fd/4") : new FileInputStream(FileDescriptor.in);
        OutputStream protocolOut = movedFds ? new FileOutputStream("/dev/fd/3") : new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        // an orphan of a task's tree comes here rather than to init, so the tree kill that ends a task reaches it
        Subreaper.beforeFirstProcess();
        watchParent();
        try {
            WorkerMain worker = new WorkerMain(protocolIn, protocolOut);
            serving = worker;
            worker.serve();
        } finally {
            exit(0);
        }
    }

    /** Runs INIT, then calls until the input closes. */
    void serve() throws IOException {
        if (!initialize()) {
            exit(1);
        }
        DataInputStream frame;
        while ((frame = Frames.read(in)) != null) {
            byte type = frame.readByte();
            switch (type) {
                case Frames.TASK -> runTask(frame);
                case Frames.CHUNK -> runChunk(frame);
                default -> throw new IOException("unexpected frame type " + type);
            }
        }
    }

    private boolean initialize() throws IOException {
        DataInputStream frame = Frames.read(in);
        if (frame == null) {
            return false;
        }
        if (frame.readByte() != Frames.INIT) {
            throw new IOException("the first frame must be INIT");
        }
        body.reset();
        try {
            if (frame.readBoolean()) {
                Initializer initializer = (Initializer) readSent(Wire.readBytes(frame), "the initializer");
                initializer.initialize();
            }
            body.data.writeByte(Frames.READY);
            send(body);
            return true;
        } catch (Throwable failure) {
            body.reset();
            body.data.writeByte(Frames.INIT_FAILED);
            Wire.writeError(body.data, failure);
            send(body);
            return false;
        }
    }

    private void runTask(DataInputStream frame) throws IOException {
        long callId = frame.readLong();
        startResults(callId, 1);
        Object value;
        runningCall = callId;
        try {
            Task<?> task = (Task<?>) readSent(Wire.readBytes(frame), "the task");
            value = task.call();
        } catch (Throwable error) {
            addFailure(error);
            finishTask(body);
            return;
        }
        addResult(value, "the result of the task");
        finishTask(body);
    }

    /** Sends a task's results; what its threads report after this is not sent (its call has ended). */
    private void finishTask(Frames.Buffer results) throws IOException {
        synchronized (out) {
            runningCall = 0;
            send(results);
        }
    }

    /** Writes one frame; progress frames come from the task's threads, so every write holds {@link #out}. */
    private void send(Frames.Buffer frame) throws IOException {
        synchronized (out) {
            Frames.write(out, frame);
        }
    }

    static boolean runsATask() {
        WorkerMain worker = serving;
        return worker != null && worker.runningCall != 0;
    }

    /** See {@link TaskProgress#report}. */
    static boolean reportProgress(Object value) {
        WorkerMain worker = serving;
        if (worker == null) {
            return false;
        }
        synchronized (worker.out) {
            long callId = worker.runningCall;
            if (callId == 0) {
                return false;
            }
            Frames.Buffer frame = worker.progress;
            frame.reset();
            try {
                frame.data.writeByte(Frames.PROGRESS);
                frame.data.writeLong(callId);
                Wire.writeValue(frame.data, value, "a progress value");
                Frames.write(worker.out, frame);
            } catch (IOException parentGone) {
                return false; // NOTE: the parent closed the pipe; the parent watcher ends this JVM
            }
            return true;
        }
    }

    /**
     * Deserializes what the pool sent; whatever stops that (a class missing here, a readObject that throws, a
     * corrupt stream) is the task's {@link TaskSerializationException}, as it is when serializing in the parent.
     */
    private static Object readSent(byte[] bytes, String what) {
        try {
            return FilteredSerialization.deserialize(bytes);
        } catch (Exception | LinkageError e) {
            throw new TaskSerializationException(what + " could not be deserialized in the worker: " + e, e);
        }
    }

    private void runChunk(DataInputStream frame) throws IOException {
        long callId = frame.readLong();
        long functionId = frame.readLong();
        TaskFunction<Object, Object> function = null;
        Throwable functionError = null;
        try {
            function = functionFor(functionId, frame);
        } catch (Throwable error) {
            functionError = error;
        }
        int count = frame.readInt();
        startResults(callId, count);
        for (int i = 0; i < count; i++) {
            Object value;
            try {
                Object item = readItem(frame, i); // read even when the function is missing, to stay in step
                if (functionError != null) {
                    throw functionError;
                }
                value = function.apply(item);
            } catch (Throwable error) {
                addFailure(error);
                continue;
            }
            addResult(value, "the result of the map function");
        }
        send(body);
    }

    /** The next item of a chunk; a value that cannot be rebuilt here fails only that item. */
    private static Object readItem(DataInputStream frame, int index) {
        try {
            return Wire.readValue(frame); // NOTE: reads the value's bytes whole before it rebuilds the value
        } catch (Exception | LinkageError e) {
            throw new TaskSerializationException("map item " + index + " of the chunk could not be deserialized "
                    + "in the worker: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private TaskFunction<Object, Object> functionFor(long functionId, DataInputStream frame) throws IOException {
        if (frame.readBoolean()) {
            byte[] bytes = Wire.readBytes(frame);
            TaskFunction<Object, Object> function = (TaskFunction<Object, Object>) readSent(bytes, "the map function");
            functions.put(functionId, function);
            return function;
        }
        TaskFunction<Object, Object> function = functions.get(functionId);
        if (function == null) {
            throw new IllegalStateException("map function " + functionId + " was neither sent nor cached");
        }
        return function;
    }

    private void startResults(long callId, int count) throws IOException {
        body.reset();
        body.data.writeByte(Frames.RESULTS);
        body.data.writeLong(callId);
        body.data.writeInt(count);
    }

    private void addResult(Object value, String what) throws IOException {
        int mark = body.size();
        try {
            body.data.writeByte(Frames.OK);
            Wire.writeValue(body.data, value, what);
        } catch (TaskSerializationException notSerializable) {
            body.truncate(mark);
            addFailure(notSerializable);
        }
    }

    private void addFailure(Throwable error) throws IOException {
        body.data.writeByte(Frames.FAILED);
        Wire.writeError(body.data, error);
    }

    private static void watchParent() {
        parent = ProcessHandle.current().parent().orElse(null);
        Thread watcher = new Thread(() -> {
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(PARENT_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            exit(2);
        }, "jobrun-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Kills every process this worker started, then stops the JVM without running tasks' shutdown hooks. Those that
     * left its session are found by their mark, here only when the parent is gone: otherwise the pool sweeps the mark
     * once this worker has ended.
     */
    static void exit(int status) {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        String mark = ownMark;
        ProcessHandle pool = parent;
        if (mark != null && (pool == null || !pool.isAlive())) {
            ProcessMark.of(mark).killAll();
        }
        Runtime.getRuntime().halt(status);
    }

    /** The worker's least-recently-used cache of map functions. */
    static final class FunctionCache {
        private FunctionCache() {
        }

        static <V> Map<Long, V> create() {
            return new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                    return size() > FUNCTION_CACHE_SIZE;
                }
            };
        }
    }
}
