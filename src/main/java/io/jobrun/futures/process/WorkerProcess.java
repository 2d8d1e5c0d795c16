package io.jobrun.futures.process;

import io.jobrun.futures.TimeLimits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's end of one worker JVM: its process, the pipe to it, and two daemon threads, one reading frames from
 * it and one relaying its stderr line by line. Decisions belong to the pool; this class reports what happened
 * through {@link Events} and does what it is told.
 */
final class WorkerProcess {
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.futures.process");
    /** Lines of stderr kept to explain a worker that could not start. */
    private static final int TAIL_LINES = 20;
    private static final long STDERR_GRACE_MILLIS = 200;

    /** What a worker reports to its pool; called from the worker's reader thread. */
    interface Events {
        void ready(WorkerProcess worker);

        void initializerFailed(WorkerProcess worker, Throwable error);

        void returned(WorkerProcess worker, long callId, Object[] values, Throwable[] errors);

        /** The task of call {@code callId} reported {@code value} while it runs ({@link TaskProgress}). */
        void progress(WorkerProcess worker, long callId, Object value);

        /** The process has ended; {@code how} says how, e.g. "died with signal 9 (SIGKILL)". */
        void exited(WorkerProcess worker, String how);
    }

    private final Events events;
    private final WorkerCommand command;
    private final byte[] initializer;
    private final WorkerOutput output;
    /** Carried by the worker and everything it starts, so what leaves its tree and process group is found too. */
    private final ProcessMark mark = ProcessMark.create();

    /** Guarded by the pool's lock. */
    WorkerState state = WorkerState.STARTING;
    /** The call being run; non-null exactly while BUSY. Guarded by the pool's lock. */
    ProcessCall current;
    /** Calls answered, for maxTasksPerChild. Guarded by the pool's lock. */
    int callsDone;
    /** The time limit of {@link #current}, if it has one. Guarded by the pool's lock. */
    TimeLimits.Alarm alarm;
    /** The call whose time limit passed, after which this worker is killed; set once. Guarded by the pool's lock. */
    ProcessCall timedOut;

    /** Set once by {@link #start}, before the threads start. */
    private volatile Process process;
    /** Guards the pipe to the worker and everything only a writer touches. */
    private final Object writeLock = new Object();
    private DataOutputStream toWorker;
    private final Frames.Buffer body = new Frames.Buffer(8192);
    /** The map functions the worker has cached: a mirror of its own LRU cache. Guarded by writeLock. */
    private final Map<Long, Boolean> functionsSent = WorkerMain.FunctionCache.create();
    /** Set once by {@link #start}. */
    private volatile Thread stderrRelay;
    /** Set once by {@link #start}; the thread that runs the futures' done-callbacks. */
    private volatile Thread reader;
    /** Guarded by itself. */
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();

    WorkerProcess(Events events, WorkerCommand command, byte[] initializer, WorkerOutput output) {
        this.events = events;
        this.command = command;
        this.initializer = initializer;
        this.output = output;
    }

    /** Starts the JVM and sends INIT; on failure reports the worker as exited. Call without the pool's lock. */
    void start() {
        Process started;
        try {
            started = AdoptedProcesses.start(command.newBuilder(mark));
        } catch (IOException e) {
            events.exited(this, "could not be started: " + e.getMessage());
            return;
        }
        process = started;
        ChildProcesses.started(started, ChildProcesses.WORKER_JVM);
        stderrRelay = daemon(this::relayStderr, "jobrun-worker-" + started.pid() + "-stderr");
        synchronized (writeLock) {
            toWorker = new DataOutputStream(new BufferedOutputStream(started.getOutputStream(), 65536));
            try {
                body.reset();
                body.data.writeByte(Frames.INIT);
                body.data.writeBoolean(initializer != null);
                if (initializer != null) {
                    Wire.writeBytes(body.data, initializer);
                }
                Frames.write(toWorker, body);
            } catch (IOException e) {
                // It died at once; the reader sees the end of its output and reports it.
            }
        }
        reader = daemon(this::readFrames, "jobrun-worker-" + started.pid() + "-reader");
    }

    /** Sends {@code call}, which the pool has just assigned to this worker. Call without the pool's lock. */
    void send(ProcessCall call) {
        synchronized (writeLock) {
            try {
                ProcessCall.MapFunction function = call.function();
                boolean withFunction = function != null && functionsSent.get(function.id()) == null;
                if (withFunction) {
                    functionsSent.put(function.id(), Boolean.TRUE);
                }
                call.writeTo(toWorker, body, withFunction);
            } catch (IOException e) {
                // The worker died or is being killed; the reader reports its end and the pool fails the call.
            }
        }
    }

    /** Closes the worker's input, which makes it exit. */
    void retire() {
        synchronized (writeLock) {
            try {
                if (toWorker != null) {
                    toWorker.close();
                }
            } catch (IOException alreadyGone) {
                // closing the pipe of a dead process: nothing left to tell it
            }
        }
    }

    /** Sends the worker SIGTERM: its JVM runs its shutdown hooks and exits; its reader then reports the end. */
    void terminate() {
        Process started = process;
        if (started != null) {
            started.destroy();
        }
    }

    /**
     * Kills the worker and every process it started, those that left its session included.
     *
     * <p>Its descendants include the orphans of its tree, which the worker adopted as a {@link Subreaper}; once it is
     * dead they are this JVM's, which reaps them.
     *
     * @return the processes it started that survived (see {@link ProcessMark#killAll()}); empty as a rule
     */
    List<ProcessHandle> killTree() {
        Process started = process;
        if (started == null) {
            return List.of();
        }
        List<ProcessHandle> killed = ProcessTree.kill(started.toHandle());
        List<ProcessHandle> survivors = new ArrayList<>(mark.killAll());
        for (ProcessHandle survivor : AdoptedProcesses.killAndReap(killed)) {
            if (!survivors.contains(survivor)) {
                survivors.add(survivor);
            }
        }
        return survivors;
    }

    boolean isReaderThread(Thread thread) {
        return thread == reader;
    }

    /** The worker's pid, or -1 before it started. */
    long pid() {
        Process started = process;
        return started == null ? -1 : started.pid();
    }

    /** The last lines the worker wrote to stderr, for messages about a worker that failed. */
    String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private void readFrames() {
        String how = null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 65536))) {
            DataInputStream frame;
            while ((frame = Frames.read(in)) != null) {
                handle(frame);
            }
        } catch (IOException | RuntimeException e) {
            how = "broke the protocol (" + e + ") and was killed";
            LOG.error("worker {} {}", pid(), how, e);
            killTree();
        }
        // The worker is gone (its pipe closed) but not yet reaped: whatever it started and left behind goes too.
        if (command.ownProcessGroup()) {
            ProcessTree.killGroup(process.pid());
        }
        int exitCode = waitForExit();
        List<ProcessHandle> escaped = new ArrayList<>(mark.killAll()); // what left its process group, by setsid say
        // what its tree left to this JVM as it died: what is in its session, and the dead, which the worker killed
        long session = process.pid();
        escaped.addAll(AdoptedProcesses.killAndReap(AdoptedProcesses.find(
                orphan -> orphan.session() == session || orphan.dead()).stream()
                .map(AdoptedProcesses.Facts::process).toList()));
        awaitStderr();
        String ended = how != null ? how : ProcessTree.describeExit(exitCode);
        events.exited(this, escaped.isEmpty() ? ended : ended + "; " + ProcessMark.describeSurvivors(escaped));
    }

    private void handle(DataInputStream frame) throws IOException {
        byte type = frame.readByte();
        switch (type) {
            case Frames.READY -> events.ready(this);
            case Frames.INIT_FAILED -> events.initializerFailed(this, Wire.readError(frame));
            case Frames.PROGRESS -> {
                long callId = frame.readLong();
                try {
                    events.progress(this, callId, Wire.readValue(frame));
                } catch (ClassNotFoundException notHere) {
                    LOG.warn("worker {} reported progress of a class this JVM does not have: {}", pid(), notHere);
                }
            }
            case Frames.RESULTS -> {
                long callId = frame.readLong();
                int count = frame.readInt();
                Object[] values = new Object[count];
                Throwable[] errors = new Throwable[count];
                for (int i = 0; i < count; i++) {
                    if (frame.readByte() == Frames.OK) {
                        try {
                            values[i] = Wire.readValue(frame);
                        } catch (ClassNotFoundException | IOException e) {
                            errors[i] = new TaskSerializationException(
                                    "the result could not be deserialized in the parent: " + e, e);
                        }
                    } else {
                        errors[i] = Wire.readError(frame);
                    }
                }
                events.returned(this, callId, values, errors);
            }
            default -> throw new IOException("unknown frame type " + type);
        }
    }

    private int waitForExit() {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // Only this thread waits for this process; there is nobody to hand the interrupt to.
            }
        }
    }

    /**
     * Gives the relay a moment to pass on the worker's last words, so they come before the news of its end.
     * NOTE: bounded, because a grandchild that inherited stderr keeps the pipe open after the worker is gone.
     */
    private void awaitStderr() {
        try {
            stderrRelay.join(STDERR_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relayStderr() {
        long pid = process.pid();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
                output.line(pid, line);
            }
        } catch (IOException e) {
            // the worker is gone; its reader reports that
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public String toString() {
        return "worker " + pid();
    }
}
