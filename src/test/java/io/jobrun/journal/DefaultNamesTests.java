package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.InstanceId;
import io.jobrun.run.TaskInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A name is left out of a line only when the reader makes exactly that name again from the instance's id. */
class DefaultNamesTests {
    private static final SourcePosition AT = new SourcePosition("j.groovy", 1, 1);

    private static boolean leftOut(String spec, int item, String name) {
        TaskSpec declared = new TaskSpec(spec, "pool", new TaskBody.Code(c -> null), null, RetryPolicy.none(),
                List.of(), null, null, false, TaskCallbacks.none(), AT);
        TaskInstance task = new TaskInstance(new InstanceId(spec, item), name, declared, "pool", item, AT);
        boolean leftOut = DefaultNames.leftOut(task);
        if (leftOut) {
            assertEquals(name, DefaultNames.of(task.id().toString()), "what the reader makes of " + task.id());
        }
        return leftOut;
    }

    @Test
    void theNameItsIdMakesIsLeftOut() {
        assertEquals(true, leftOut("build", InstanceId.SINGLE, "build"));
        assertEquals(true, leftOut("a", 0, "a[0]"));
        assertEquals(true, leftOut("a", 3, "a[3]"));
        assertEquals(true, leftOut("analyze", 1_234_567_890, "analyze[1234567890]"));
        assertEquals(true, leftOut("two words", 7, "two words[7]"));
    }

    @Test
    void anIdsTextSplitsIntoItsSpecAndItem() {
        assertEquals("analyze", InstanceId.specOf("analyze#3"));
        assertEquals("build", InstanceId.specOf("build"));
        assertEquals("two words", InstanceId.specOf("two words#12"));
        assertEquals("analyze[3]", DefaultNames.of("analyze#3"));
        assertEquals("build", DefaultNames.of("build"));
        assertEquals(false, InstanceId.textSplits("x#1"));
    }

    @Test
    void anyOtherNameIsWritten() {
        assertEquals(false, leftOut("a", 3, "a[c.txt]"), "named after its item");
        assertEquals(false, leftOut("a", 3, "a[4]"), "another index");
        assertEquals(false, leftOut("a", 3, "a[03]"), "a leading zero the id does not have");
        assertEquals(false, leftOut("a", 3, "a[]"));
        assertEquals(false, leftOut("a", 3, "a[3"));
        assertEquals(false, leftOut("a", 3, "ab[3]"));
        assertEquals(false, leftOut("a", 3, "a[3]x"));
        assertEquals(false, leftOut("a", 3, "a[-3]"));
        assertEquals(false, leftOut("a", InstanceId.SINGLE, "a[0]"));
        assertEquals(false, leftOut("a", InstanceId.SINGLE, "parent/io-1"));
        assertEquals(false, leftOut("x#1", InstanceId.SINGLE, "x#1"), "its id reads as item 1 of x");
        assertEquals(false, leftOut("x#1", 2, "x#1[2]"));
    }
}
