package io.jobrun.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jobrun.dsl.Loading;
import io.jobrun.job.Job;
import io.jobrun.job.TaskSpec;
import io.jobrun.journal.InstanceKey;
import io.jobrun.run.Instances;
import io.jobrun.run.TaskInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key's own parts, apart from what a resume does with them. */
class KeysTests {
    private static final byte[] SECRET = new byte[32];

    @TempDir
    Path dir;

    private InstanceKey key(Job job, String format) {
        TaskSpec spec = job.task("a");
        TaskInstance instance = Instances.of(spec, Instances.items(spec, Map.of())).get(0);
        return new Keys(job, SECRET, format).key(instance, null, Map.of());
    }

    @Test
    void theFormatVersionIsHashedIntoEveryKeySoKeysOfTwoVersionsNeverMatch() throws IOException {
        Path file = Files.writeString(dir.resolve("k.yaml"), "tasks:\n  a: { shell: echo a }\n");
        Job job = Loading.load(file, file.toString(), Map.of()).job();
        InstanceKey current = key(job, Keys.FORMAT);
        assertEquals(current.digest(), key(job, Keys.FORMAT).digest(), "the same instance, the same key");
        InstanceKey other = key(job, "jobrun-key/0");
        assertNotEquals(current.digest(), other.digest());
        assertEquals(current.parts(), other.parts(), "only the version differs");
    }
}
