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
    /** The job of the fan-out last made by {@link #fanOut}. */
    private Job job;

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
        java.util.List<TaskInstance> instances = fanOut("map 'a', over: [1, 'two', [n: 3]], { x -> x }\n");
        Keys atLaunch = new Keys(job, SECRET);
        java.util.List<String> launched = keysAtLaunch(atLaunch, instances);
        Keys later = prepared(instances);
        ((Map<String, Object>) instances.get(2).item()).put("n", 4);
        assertEquals(launched, instances.stream().map(instance -> later.apply(instance).digest()).toList());
        assertNotEquals(launched.get(2), atLaunch.key(instances.get(2), instances.get(2).item(), Map.of()).digest(),
                "the item changed since its launch");
    }

    /**
     * The keys of format 2 are pinned: however the hash is fed (a byte at a time, an array, copied to go on from), the
     * same instance of the same job has the same key, or every finished instance would run again after an upgrade.
     */
    @Test
    void theKeysOfAFanOutAreTheHashesFormat2AlwaysGave() throws IOException {
        java.util.List<TaskInstance> instances = fanOut("map 'a', over: [7, 'two', -30, 'ü\\u2028'], { x -> x }\n");
        java.util.List<String> launched = keysAtLaunch(new Keys(job, SECRET), instances);
        Keys later = prepared(instances);
        assertEquals(launched, instances.stream().map(instance -> later.apply(instance).digest()).toList());
        assertEquals(java.util.List.of("cad113955e9e30993e5f948b78702051", "258dc8822445a96f259cf5636470c1c4",
                "a104c2e78c07e765df779b2571b26d1a", "03f956f13fd3cfa3156d3e620f346a1d"),
                launched.stream().map(Murmur3Tests::digestInHex).toList());
    }

    /** The instances of task 'a' of a job file named k.groovy holding {@code text}. */
    private java.util.List<TaskInstance> fanOut(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("k.groovy"), text);
        job = Loading.load(file, "k.groovy", Map.of()).job();
        TaskSpec spec = job.task("a");
        return Instances.of(spec, Instances.items(spec, Map.of()));
    }

    private static java.util.List<String> keysAtLaunch(Keys keys, java.util.List<TaskInstance> instances) {
        return instances.stream().map(instance -> keys.key(instance, instance.item(), Map.of()).digest()).toList();
    }

    /** Keys of {@link #job} prepared for {@code instances}, to be made when asked. */
    private Keys prepared(java.util.List<TaskInstance> instances) {
        Keys later = new Keys(job, SECRET);
        instances.forEach(instance -> later.prepare(instance, instance.item(), Map.of()));
        return later;
    }
}
