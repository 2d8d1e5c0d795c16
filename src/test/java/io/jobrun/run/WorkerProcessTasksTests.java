package io.jobrun.run;

import static io.jobrun.run.Jobs.AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.TaskCode;
import io.jobrun.job.TaskContext;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How the interpreter treats an executor whose tasks run in worker processes, with a stand-in kind whose "workers"
 * are threads of this JVM, so that the clock and the setup can be observed.
 */
class WorkerProcessTasksTests {
    /** The interpreter's clock; the task moves it to stand for time spent outside the task, such as a worker start. */
    private static final AtomicLong CLOCK = new AtomicLong();
    private static final Initializer SETUP = () -> { };

    /** Runs in a "worker": returns its input after moving the interpreter's clock ten seconds on. */
    private static final class TenSecondsOutside implements TaskCode {
        @Override
        public Object run(TaskContext context) {
            throw new AssertionError("a worker-process task must run through inWorker()");
        }

        @Override
        public Optional<String> unsendable() {
            return Optional.empty();
        }

        @Override
        public Task<Object> inWorker(TaskContext context) {
            return () -> {
                CLOCK.addAndGet(Duration.ofSeconds(10).toNanos());
                return "done";
            };
        }

        @Override
        public Initializer workerSetup() {
            return SETUP;
        }
    }

    /** A process-like kind: remembers the setup it was given. */
    private static final class StandInProcesses implements ExecutorKind {
        final AtomicReference<Initializer> setup = new AtomicReference<>();

        @Override
        public String name() {
            return "standIn";
        }

        @Override
        public String description() {
            return "threads of this JVM standing in for worker processes";
        }

        @Override
        public Executor create(ExecutorSpec spec, Initializer workerSetup) {
            setup.set(workerSetup);
            return new ThreadPoolExecutor(spec.workers());
        }

        @Override
        public boolean runsInWorkerProcesses() {
            return true;
        }
    }

    private final StandInProcesses kind = new StandInProcesses();

    private RunResult runOneTask() {
        ExecutorSpec workers = new ExecutorSpec("workers", "standIn", 1, AT);
        TaskSpec task = Jobs.task("remote", new TenSecondsOutside());
        task = new TaskSpec(task.name(), "workers", task.body(), null, task.retry(), List.of(), null, null, false,
                task.callbacks(), AT);
        Job job = new Job("test.groovy", null, Map.of(), List.of(workers), List.of(task), JobCallbacks.none(), null,
                HaltPolicy.RUN_ALL);
        return new Interpreter(job, new ExecutorKinds(List.of(kind)), CLOCK::get).run();
    }

    @Test
    void taskTimeIsWhatTheWorkerMeasuredNotTheTimeSinceSubmission() {
        RunResult result = runOneTask();
        assertEquals("done", result.outcomes().get(0).result());
        Duration reported = result.outcomes().get(0).runTime();
        assertTrue(reported.compareTo(Duration.ofSeconds(10)) < 0,
                () -> "the ten seconds outside the task were counted: " + reported);
    }

    @Test
    void anAttemptInAWorkerRecordsTheWorkerAndTheStartTheWorkerMeasured() {
        RunResult result = runOneTask();
        AttemptRecord attempt = result.outcomes().get(0).history().get(0);
        assertEquals("worker " + ProcessHandle.current().pid(), attempt.worker());
        assertTrue(attempt.started() - attempt.submitted() > Duration.ofSeconds(9).toNanos(),
                () -> "the ten seconds outside the task were not left out of its run: " + attempt);
        assertEquals(attempt.runTime(), result.outcomes().get(0).runTime());
    }

    @Test
    void workerProcessesReceiveTheSetupTheJobsCodeNeeds() {
        runOneTask();
        assertSame(SETUP, kind.setup.get());
    }
}
