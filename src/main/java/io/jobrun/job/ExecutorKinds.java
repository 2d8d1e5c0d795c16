package io.jobrun.job;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A registry of executor kinds, by name: what the fronts bind, validation checks against and the run creates. The
 * standard one lists each kind on one line ({@code io.jobrun.executors.ExecutorRegistry}); tests add their own.
 */
public final class ExecutorKinds {
    private final Map<String, ExecutorKind> kinds = new LinkedHashMap<>();

    public ExecutorKinds(List<? extends ExecutorKind> kinds) {
        for (ExecutorKind kind : kinds) {
            if (this.kinds.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("executor kind '" + kind.name() + "' is registered twice");
            }
        }
    }

    /** This registry with {@code more} kinds after its own. */
    public ExecutorKinds with(ExecutorKind... more) {
        List<ExecutorKind> all = new ArrayList<>(kinds.values());
        all.addAll(List.of(more));
        return new ExecutorKinds(all);
    }

    /**
     * This registry with every kind configured by a run's environment ({@link ExecutorKind#configured}).
     *
     * @throws IllegalArgumentException when a run setting is malformed, saying which
     */
    public ExecutorKinds configured(Map<String, String> environment) {
        List<ExecutorKind> all = new ArrayList<>();
        for (ExecutorKind kind : kinds.values()) {
            all.add(kind.configured(environment));
        }
        return new ExecutorKinds(all);
    }

    /** The run settings every kind reads, each once, in registration order. */
    public List<RunSetting> runSettings() {
        List<RunSetting> settings = new ArrayList<>();
        for (ExecutorKind kind : kinds.values()) {
            for (RunSetting setting : kind.runSettings()) {
                if (!settings.contains(setting)) {
                    settings.add(setting);
                }
            }
        }
        return settings;
    }

    /** Every kind name, in registration order. */
    public Set<String> names() {
        return kinds.keySet();
    }

    public Collection<ExecutorKind> all() {
        return kinds.values();
    }

    /** The kind called {@code name}, or null. */
    public ExecutorKind find(String name) {
        return kinds.get(name);
    }

    /** Why {@code kind} cannot be used: it is unknown, or unavailable in this build; empty when it can. */
    public Optional<String> unavailable(String kind) {
        ExecutorKind found = kinds.get(kind);
        if (found == null) {
            return Optional.of(Suggestions.unknown("executor kind", kind, kinds.keySet()));
        }
        return found.unavailable();
    }

    /** Whether tasks on executors of {@code kind} run in other JVMs, so that what they use must be sent there. */
    public boolean runsInWorkerProcesses(String kind) {
        ExecutorKind found = kinds.get(kind);
        return found != null && found.runsInWorkerProcesses();
    }

    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        ExecutorKind kind = kinds.get(spec.kind());
        if (kind == null) {
            throw new IllegalArgumentException(unavailable(spec.kind()).orElseThrow());
        }
        return kind.create(spec, workerSetup);
    }
}
