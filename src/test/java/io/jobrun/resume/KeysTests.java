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

    /**
     * When nothing is decided by it, a key may be left for the journal to make (off the interpreter's thread): it is
     * the key made at the launch, and an item that can change (a map) is keyed at once, at its launch, as before.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aKeyLeftForTheJournalIsTheKeyOfTheLaunchAndAnItemThatCanChangeIsKeyedAtOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("k.groovy"), "map 'a', over: [1, 'two', [n: 3]], { x -> x }\n");
        Job job = Loading.load(file, file.toString(), Map.of()).job();
        TaskSpec spec = job.task("a");
        java.util.List<TaskInstance> instances = Instances.of(spec, Instances.items(spec, Map.of()));
        Keys atLaunch = new Keys(job, SECRET);
        java.util.List<String> launched = instances.stream()
                .map(instance -> atLaunch.key(instance, instance.item(), Map.of()).digest()).toList();
        Keys later = new Keys(job, SECRET);
        instances.forEach(instance -> later.prepare(instance, instance.item(), Map.of()));
        ((Map<String, Object>) instances.get(2).item()).put("n", 4);
        assertEquals(launched, instances.stream().map(instance -> later.apply(instance).digest()).toList());
        assertNotEquals(launched.get(2), atLaunch.key(instances.get(2), instances.get(2).item(), Map.of()).digest(),
                "the item changed since its launch");
    }
}
