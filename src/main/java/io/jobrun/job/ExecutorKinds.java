package io.jobrun.job;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry of executor kinds, by name: what the fronts bind, validation checks against and the run creates. The
 * standard one lists each kind on one line ({@code io.jobrun.executors.ExecutorRegistry}); tests add their own.
 */
public final class ExecutorKinds extends Registry<ExecutorKind> {
    public ExecutorKinds(List<? extends ExecutorKind> kinds) {
        super(kinds, ExecutorKind::name, "executor kind");
    }

    /** This registry with {@code more} kinds after its own. */
    public ExecutorKinds with(ExecutorKind... more) {
        List<ExecutorKind> all = new ArrayList<>(all());
        all.addAll(List.of(more));
        return new ExecutorKinds(all);
    }

    /**
     * This registry with every kind configured by a run's environment ({@link ExecutorKind#configured}).
     *
     * @throws IllegalArgumentException when a run setting is malformed, saying which
     */
    public ExecutorKinds configured(Map<String, String> environment) {
        List<ExecutorKind> configured = new ArrayList<>();
        for (ExecutorKind kind : all()) {
            configured.add(kind.configured(environment));
        }
        return new ExecutorKinds(configured);
    }

    /** The run settings every kind reads, each once, in registration order. */
    public List<RunSetting> runSettings() {
        List<RunSetting> settings = new ArrayList<>();
        for (ExecutorKind kind : all()) {
            for (RunSetting setting : kind.runSettings()) {
                if (!settings.contains(setting)) {
                    settings.add(setting);
                }
            }
        }
        return settings;
    }

    /** Why {@code kind} cannot be used: it is unknown, or unavailable in this build; empty when it can. */
    public Optional<String> unavailable(String kind) {
        ExecutorKind found = find(kind);
        if (found == null) {
            return Optional.of(Suggestions.unknown("executor kind", kind, names()));
        }
        return found.unavailable();
    }

    /** Whether tasks on executors of {@code kind} run in other JVMs, so that what they use must be sent there. */
    public boolean runsInWorkerProcesses(String kind) {
        ExecutorKind found = find(kind);
        return found != null && found.runsInWorkerProcesses();
    }

    /** Prepares every kind for a run ({@link ExecutorKind#prepareRun}); the action lets go of what none took. */
    public Runnable prepareRun() {
        List<Runnable> releases = new ArrayList<>();
        for (ExecutorKind kind : all()) {
            releases.add(kind.prepareRun());
        }
        return () -> releases.forEach(Runnable::run);
    }

    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        ExecutorKind kind = find(spec.kind());
        if (kind == null) {
            throw new IllegalArgumentException(unavailable(spec.kind()).orElseThrow());
        }
        return kind.create(spec, workerSetup);
    }
}
