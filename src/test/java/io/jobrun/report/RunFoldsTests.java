package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.run.RunEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's folds, shared by its files that fold: each task folded once, however many files hand it over. */
class RunFoldsTests {
    private static final int ITEMS = Folded.ITEMIZED + 500;

    @Test
    void theFilesOfOneRunShareItsFoldsAndEachTaskIsFoldedOnce() {
        List<RunEvent> events = ReportFixture.fanOut(ITEMS, ITEMS + 1).events();
        RunEvent.JobStarted started = (RunEvent.JobStarted) events.get(0);
        RunFolds json = RunFolds.of(started);
        RunFolds junit = RunFolds.of(started);
        assertSame(json, junit);
        for (RunEvent event : events) {
            if (event instanceof RunEvent.TaskFinished finished) {
                boolean folded = json.fold(finished);
                assertEquals(folded, junit.fold(finished), "both files are told the same");
            }
        }
        List<Folded> folds = json.all();
        assertEquals(1, folds.size());
        assertEquals(500, folds.get(0).count(), "not twice: each task once");
    }

    @Test
    void anotherRunGetsFoldsOfItsOwn() {
        RunEvent.JobStarted first = (RunEvent.JobStarted) ReportFixture.fanOut(ITEMS, ITEMS + 1).events().get(0);
        RunEvent.JobStarted second = (RunEvent.JobStarted) ReportFixture.fanOut(ITEMS, ITEMS + 1).events().get(0);
        RunFolds folds = RunFolds.of(first);
        assertNotSame(folds, RunFolds.of(second));
        assertNotSame(folds, RunFolds.of(first), "the first run's are gone once the second started on this thread");
    }

    @Test
    void aTaskThatHasAnEntryOfItsOwnIsLeftToTheFile() {
        List<RunEvent> events = ReportFixture.fanOut(ITEMS, ITEMS + 1).events();
        RunFolds folds = RunFolds.of((RunEvent.JobStarted) events.get(0));
        RunEvent.TaskFinished firstItem = (RunEvent.TaskFinished) events.get(1);
        assertFalse(folds.fold(firstItem), "the first items of a fan-out are itemized");
        assertTrue(folds.all().isEmpty());
    }

    @Test
    void aFileToldOfTheRunAfterTheOthersBeganFoldingGetsFoldsOfItsOwn() {
        List<RunEvent> events = ReportFixture.fanOut(ITEMS, ITEMS + 1).events();
        RunEvent.JobStarted started = (RunEvent.JobStarted) events.get(0);
        RunFolds first = RunFolds.of(started);
        events.forEach(event -> {
            if (event instanceof RunEvent.TaskFinished finished) {
                first.fold(finished);
            }
        });
        RunFolds second = RunFolds.of(started);
        assertNotSame(first, second);
        events.forEach(event -> {
            if (event instanceof RunEvent.TaskFinished finished) {
                second.fold(finished);
            }
        });
        assertEquals(500, first.all().get(0).count());
        assertEquals(500, second.all().get(0).count());
    }
}
