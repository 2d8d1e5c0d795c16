package io.jobrun.resume;

import io.jobrun.journal.InstanceKey;
import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import io.jobrun.run.InstanceId;
import io.jobrun.run.Reuse;
import io.jobrun.run.TaskInstance;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code --resume} reuses: every instance of the resumed run that ended ok (or cached) whose key is unchanged,
 * unless {@code --rerun} names it. Every instance is keyed, whether or not the run resumes, so that its journal can be
 * resumed in turn. Asked by the interpreter before each declared instance first launches.
 */
public final class Resumer implements Reuse {
    private final Keys keys;
    /** The run resumed, or null when this run reuses nothing. */
    private final RecordedRun previous;
    private final JournalStore store;
    private final NameGlob rerun;
    private final Set<String> markOk;
    /** The previous run's reusable ends by key. */
    private final Map<String, RecordedRun.Ended> byKey = new HashMap<>();
    /** The previous run's ends by instance name, to explain what changed. */
    private final Map<String, RecordedRun.Ended> byName = new HashMap<>();
    private final Map<InstanceId, Decision> decisions = new ConcurrentHashMap<>();

    /**
     * @param previous the run to reuse from, or null to reuse nothing
     * @param rerun    what runs even when it could be reused
     * @param markOk   {@code once} tasks that were running when the previous run stopped, to be treated as done
     */
    public Resumer(Keys keys, RecordedRun previous, JournalStore store, NameGlob rerun, Set<String> markOk) {
        this.keys = keys;
        this.previous = previous;
        this.store = store;
        this.rerun = rerun;
        this.markOk = Set.copyOf(markOk);
        if (previous != null) {
            for (RecordedRun.Ended ended : previous.ended().values()) {
                byName.put(ended.task(), ended);
                if (ended.reusable()) {
                    byKey.put(ended.key(), ended);
                }
            }
        }
    }

    @Override
    public Reused reuse(TaskInstance instance, Object input, Map<String, Object> results) {
        InstanceKey key;
        try {
            if (previous == null) {
                // NOTE: nothing to decide: the key is only for the journal, which may make it itself (off this thread).
                keys.prepare(instance, input, results);
                return null;
            }
            key = keys.key(instance, input, results);
        } catch (RuntimeException e) {
            // NOTE: a key that cannot be made must never take the run down: the instance simply runs.
            key = InstanceKey.notReusable("its key cannot be made: " + e, Map.of());
        }
        Decision decision = decide(instance, key);
        if (previous != null) {
            decisions.put(instance.id(), decision);
        }
        return decision.cached() ? new Reused(decision.result()) : null;
    }

    /** Why {@code id} was reused or ran in this run, as the journal records it; null when the run resumes nothing. */
    public String why(InstanceId id) {
        Decision decision = decisions.get(id);
        return decision == null ? null : decision.reason();
    }

    /** Whether {@code instance}, with {@code key}, reuses an earlier result, and why. */
    Decision decide(TaskInstance instance, InstanceKey key) {
        if (previous == null) {
            return Decision.runs("no ok run before");
        }
        String task = instance.spec().name();
        if (rerun.matches(task, instance.name())) {
            return Decision.runs("--rerun");
        }
        if (markOk.contains(task) && previous.unfinished().containsKey(instance.id().toString())) {
            return Decision.cached("--mark-ok", null);
        }
        if (key.notReusable() != null) {
            return Decision.runs(key.notReusable());
        }
        RecordedRun.Ended hit = byKey.get(key.digest());
        if (hit != null) {
            try {
                return Decision.cached("unchanged since run " + previous.id(), previous.result(hit, store));
            } catch (IOException | RuntimeException e) {
                return Decision.runs("its stored result cannot be read: " + e.getMessage());
            }
        }
        return Decision.runs(whyNot(instance, key));
    }

    /**
     * The result the single instance {@code task} ended with in the run resumed, when it ended ok (or cached) and its
     * result can be read; empty for a fan-out, or when there is none.
     */
    java.util.Optional<Object> earlierResult(String task) {
        RecordedRun.Ended before = byName.get(task);
        // NOTE: not reusable() alone: a task with cache: false has no key, and its result is still what it gave.
        if (before == null || !(before.status().equals("ok") || before.status().equals("cached"))
                || before.notStorable() != null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(previous.result(before, store));
        } catch (IOException | RuntimeException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** Whether {@code instance} (a name, or a fan-out's "name[...]") ended ok or cached in the run resumed. */
    boolean endedOk(String instance) {
        String fanOut = instance.endsWith("[...]") ? instance.substring(0, instance.length() - 4) : null;
        for (RecordedRun.Ended before : byName.values()) {
            boolean same = fanOut != null ? before.task().startsWith(fanOut) : before.task().equals(instance);
            if (same && before.reusable()) {
                return true;
            }
        }
        return false;
    }

    /** Why the instance cannot be reused though its key can be made: the first part that changed. */
    private String whyNot(TaskInstance instance, InstanceKey key) {
        RecordedRun.Ended before = byName.get(instance.name());
        if (before == null) {
            return previous.unfinished().containsValue(instance.name()) ? "it was running when run " + previous.id()
                    + " stopped" : "no ok run before";
        }
        if (before.notStorable() != null) {
            return "result not storable (" + before.notStorable() + ")";
        }
        if (!before.status().equals("ok") && !before.status().equals("cached")) {
            return "no ok run before (it ended " + before.status() + ")";
        }
        if (before.key() == null) {
            return before.notReusable() != null ? "no ok run before with a key (" + before.notReusable() + ")"
                    : "no ok run before";
        }
        for (Map.Entry<String, String> part : key.parts().entrySet()) {
            if (!part.getValue().equals(before.parts().get(part.getKey()))) {
                return part.getKey() + (before.parts().containsKey(part.getKey()) ? " changed" : " is new");
            }
        }
        for (String part : before.parts().keySet()) {
            if (!key.parts().containsKey(part)) {
                return part + " is gone";
            }
        }
        return instance.item() != null ? "item changed" : "its key changed (a new key format)";
    }
}
