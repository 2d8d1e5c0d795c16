package io.jobrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.job.TaskView;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaskStatusTests {
    /** A job file's comparisons are checked against the model's list of words; the runner's statuses are those. */
    @Test
    void theStatusesTheRunnerGivesAreTheWordsAJobFileMayCompareWith() {
        assertEquals(TaskView.STATUSES, Arrays.stream(TaskStatus.values()).map(TaskStatus::word).toList());
    }
}
