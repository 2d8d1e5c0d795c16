package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.dsl.Loading;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.job.Job;
import io.jobrun.job.Printed;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;
import io.jobrun.task.TaskOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a closure's {@code println} goes: its task's output, opened only when the closure prints. */
class TaskPrintTests {
    @TempDir
    Path dir;

    /** A task's output that counts the streams opened onto it. */
    private record CountedOutput(TaskOutput output, AtomicInteger opened) implements Printed {
        @Override
        public OutputStream stream() {
            opened.incrementAndGet();
            return output.stream();
        }
    }

    private record Context(Printed output) implements TaskContext {
        @Override
        public String taskName() {
            return "t";
        }

        @Override
        public Object input() {
            return 1;
        }

        @Override
        public Map<String, Object> results() {
            return Map.of();
        }

        @Override
        public <T> Future<T> submit(String executor, String label, Task<T> work, Duration timeLimit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Future<T> submitTo(Executor pool, String poolName, String label, Task<T> work,
                                      Duration timeLimit) {
            throw new UnsupportedOperationException();
        }
    }

    private Object run(String task, CountedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("p.groovy"), """
                task 'quiet', { x -> x + 1 }
                task 'chatty', { x -> println "one"; print "last, without a newline"; x }
                """);
        Job job = Loading.load(file, file.toString(), Map.of()).job();
        return ((TaskBody.Code) job.task(task).body()).code().run(new Context(output));
    }

    @Test
    void codeThatPrintsNothingOpensNoStreamOnItsOutput() throws Exception {
        CountedOutput output = new CountedOutput(new TaskOutput("quiet", null), new AtomicInteger());
        assertEquals(2, run("quiet", output));
        assertEquals(0, output.opened().get());
        assertEquals(List.of(), output.output().lines());
    }

    @Test
    void codeThatPrintsOpensOneStreamAndItsLastLineCountsWithoutANewline() throws Exception {
        CountedOutput output = new CountedOutput(new TaskOutput("chatty", null), new AtomicInteger());
        assertEquals(1, run("chatty", output));
        assertEquals(1, output.opened().get());
        assertEquals(List.of("one", "last, without a newline"), output.output().lines());
    }
}
