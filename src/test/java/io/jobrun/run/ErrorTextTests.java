package io.jobrun.run;

import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.run;
import static io.jobrun.run.Jobs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.job.TaskBody;
import io.jobrun.task.ShellRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorTextTests {
    @Test
    void aShellTasksMissingDirectoryReadsAsItsSentenceWithoutAClassName() {
        var recorded = run(job(task("build", c -> ShellRunner.run(new TaskBody.Shell("true", Map.of(),
                "no/such/dir")))));
        assertEquals("shell dir 'no/such/dir' does not exist (from " + java.nio.file.Path.of("").toAbsolutePath()
                + ")", ErrorText.of(recorded.outcome("build").error()));
    }

    @Test
    void anExceptionOfTheTasksOwnCodeKeepsItsTypeInFront() {
        var recorded = run(job(task("parse", c -> Integer.parseInt("x"))));
        assertEquals("NumberFormatException: For input string: \"x\"",
                ErrorText.of(recorded.outcome("parse").error()));
    }
}
