package io.jobrun.run;

import static io.jobrun.run.Jobs.AT;
import static io.jobrun.run.Jobs.after;
import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.run;
import static io.jobrun.run.Jobs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.ItemSource;
import io.jobrun.job.SourcePosition;
import io.jobrun.task.ShellResult;
import io.jobrun.task.http.HttpResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A fan-out whose items come from a glob, a file's lines or a task's result reads them when it becomes ready. */
@Timeout(60)
class FanOutSourceTests {
    private static final SourcePosition SOURCE_AT = new SourcePosition("test.groovy", 7, 19);

    @TempDir
    Path directory;

    @Test
    void aGlobIsReadWhenTheTaskIsReadySoItSeesTheFilesItsUpstreamMade() {
        var recorded = run(job(task("create", c -> {
            for (String name : List.of("b.txt", "a.txt", "c.log")) {
                Files.writeString(directory.resolve(name), name);
            }
            return null;
        }), after(over(task("each", c -> Files.readString(Path.of((String) c.input()))),
                new ItemSource.Glob(directory + "/*.txt", SOURCE_AT)), null, "create")));
        assertEquals(List.of("create", "each[a.txt]", "each[b.txt]"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
        assertEquals("a.txt", recorded.outcome("each[a.txt]").result());
        assertEquals(0, recorded.result().exitCode());
    }

    @Test
    void theLinesOfAFileAreReadWhenTheTaskIsReady() {
        Path urls = directory.resolve("urls.txt");
        var recorded = run(job(task("write", c -> Files.writeString(urls, "one\n\n  two  \n")),
                after(over(task("each", c -> c.input()), new ItemSource.Lines(urls.toString(), SOURCE_AT)), null,
                        "write"),
                after(task("all", c -> c.results().get("each")), null, "each")));
        assertEquals(List.of("one", "two"), recorded.outcome("all").result());
    }

    @Test
    void aResultSourceRunsAfterItsTaskAndFansOutOverTheListItReturned() {
        var recorded = run(job(over(task("each", c -> ((String) c.input()).toUpperCase()),
                new ItemSource.Result("list", SOURCE_AT)), task("list", c -> List.of("x", "y", "z"))));
        assertEquals(List.of("each[x]", "each[y]", "each[z]", "list"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
        assertEquals("Z", recorded.outcome("each[z]").result());
    }

    @Test
    void theFanOutIsAnnouncedWithItsInstancesWhenItHasReadItsItems() {
        var recorded = run(job(task("list", c -> List.of(1, 2)),
                over(task("each", c -> c.input()), new ItemSource.Result("list", SOURCE_AT))));
        RunEvent.JobStarted started = (RunEvent.JobStarted) recorded.events().getFirst();
        assertEquals(List.of("each"), started.pendingFanOuts());
        var expanded = recorded.events().stream().filter(e -> e instanceof RunEvent.FanOutExpanded)
                .map(e -> (RunEvent.FanOutExpanded) e).toList();
        assertEquals(1, expanded.size());
        assertEquals(List.of(new InstanceId("each", 0), new InstanceId("each", 1)),
                expanded.getFirst().instances().stream().map(TaskInstance::id).toList());
    }

    @Test
    void aResultThatIsNeitherAListNorTextFailsTheFanOutAtItsSourceAndSkipsItsDependents() {
        var recorded = run(job(task("list", c -> 42),
                over(task("each", c -> c.input()), new ItemSource.Result("list", SOURCE_AT)),
                after(task("after-each", c -> 1), null, "each")));
        assertEquals(TaskStatus.FAILED, recorded.status("each"));
        assertEquals("test.groovy:7:19: foreach result: task 'list' returned a value of type Integer, neither a list nor"
                + " text",
                ErrorText.of(recorded.outcome("each").error()));
        assertEquals(TaskStatus.SKIPPED, recorded.status("after-each"));
        assertEquals(1, recorded.result().exitCode());
    }

    @Test
    void aTextResultGivesOneItemPerNonBlankLineWithoutItsSurroundingBlanks() {
        var recorded = run(job(task("list", c -> "a\r\n\n   \n  b c  \nd"),
                over(task("each", c -> "<" + c.input() + ">"), new ItemSource.Result("list", SOURCE_AT))));
        assertEquals(List.of("list", "each[a]", "each[b c]", "each[d]"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
        assertEquals("<b c>", recorded.outcome("each[b c]").result());
    }

    @Test
    void aShellTasksResultGivesTheNonBlankLinesOfItsOutputNotOfItsErrors() {
        var recorded = run(job(task("list", c -> new ShellResult(0, "x\ny\n", "warning: z\n")),
                over(task("each", c -> c.input()), new ItemSource.Result("list", SOURCE_AT))));
        assertEquals(List.of("list", "each[x]", "each[y]"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
    }

    @Test
    void anHttpTasksResultGivesTheNonBlankLinesOfItsBody() {
        var recorded = run(job(task("list", c -> new HttpResult("GET", "http://127.0.0.1/list", 200, 13,
                        "a.txt\n\nb.txt\n")),
                over(task("each", c -> c.input()), new ItemSource.Result("list", SOURCE_AT))));
        assertEquals(List.of("list", "each[a.txt]", "each[b.txt]"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
    }

    @Test
    void aMissingFileFailsTheFanOutWhenItIsReadNotTheLoad() {
        var recorded = run(job(over(task("each", c -> c.input()),
                new ItemSource.Lines(directory.resolve("missing.txt").toString(), SOURCE_AT))));
        assertEquals(TaskStatus.FAILED, recorded.status("each"));
        assertTrue(ErrorText.of(recorded.outcome("each").error()).endsWith("missing.txt': no such file"),
                () -> ErrorText.of(recorded.outcome("each").error()));
    }

    @Test
    void aFanOutWhoseUpstreamFailedIsOneSkippedRowWithoutReadingItsItems() throws IOException {
        var recorded = run(job(task("create", c -> { throw new IOException("disk full"); }),
                after(over(task("each", c -> c.input()), new ItemSource.Glob(directory + "/*", SOURCE_AT)), null,
                        "create")));
        assertEquals(List.of("create", "each"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
        assertEquals(TaskStatus.SKIPPED, recorded.status("each"));
        assertEquals(AT, recorded.outcome("each").task().position());
    }

    @Test
    void anEmptyListFromAResultGivesDependentsAnEmptyList() {
        var recorded = run(job(task("list", c -> List.of()),
                over(task("each", c -> c.input()), new ItemSource.Result("list", SOURCE_AT)),
                after(task("count", c -> c.results().get("each")), null, "each")));
        assertEquals(List.of(), recorded.outcome("count").result());
    }
}
