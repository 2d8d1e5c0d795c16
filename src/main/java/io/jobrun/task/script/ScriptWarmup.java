package io.jobrun.task.script;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.Job;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Starts the script engine for a job's script tasks while the job is still being checked, on a thread of its own, so
 * that the first script does not wait seconds for Python: the engine, and a first context for each language and
 * access the job's scripts use (Python's is kept for the first script to take). Scripts on worker processes or a
 * cluster start their engine there, so they are left out.
 */
public final class ScriptWarmup {
    /** Executor kinds whose tasks run in this JVM. */
    private static final Set<String> IN_THIS_JVM = Set.of("threads", "virtualThreads");

    /** A language with the access its scripts are granted: what a context is made for. */
    record Need(ScriptLanguage language, Set<ScriptPermission> permissions) {
    }

    private ScriptWarmup() {
    }

    /** What {@link #startFor} would warm up for {@code job}, in task order; empty for a job without scripts here. */
    static Set<Need> needs(Job job) {
        Set<Need> needs = new LinkedHashSet<>();
        for (TaskSpec task : job.tasks()) {
            if (task.body().untemplated() instanceof TaskBody.Script script && runsHere(job, task)) {
                Set<ScriptPermission> permissions = EnumSet.noneOf(ScriptPermission.class);
                script.allow().forEach(name -> permissions.add(ScriptPermission.fromName(name)));
                needs.add(new Need(ScriptLanguage.fromName(script.language()), Set.copyOf(permissions)));
            }
        }
        return needs;
    }

    /** Whether any task of {@code job}, on any executor, is a script. */
    public static boolean hasScripts(Job job) {
        for (TaskSpec task : job.tasks()) {
            if (task.body().untemplated() instanceof TaskBody.Script) {
                return true;
            }
        }
        return false;
    }

    private static boolean runsHere(Job job, TaskSpec task) {
        if (task.executor() == null) {
            return true;
        }
        ExecutorSpec executor = job.executor(task.executor());
        return executor == null || IN_THIS_JVM.contains(executor.kind());
    }

    /** Starts the engine for {@code job}'s scripts in the background; nothing for a job without scripts here. */
    public static void startFor(Job job) {
        Set<Need> needs;
        try {
            needs = needs(job);
        } catch (RuntimeException e) {
            return; // NOTE: not yet validated: an unknown language or access is the validator's to report
        }
        if (needs.isEmpty()) {
            return;
        }
        Thread.ofPlatform().daemon().name("jobrun-script-warmup").start(() -> {
            try {
                ScriptEngine engine = ScriptEngine.shared();
                for (Need need : needs) {
                    engine.warmUp(need.language(), need.permissions());
                }
            } catch (RuntimeException e) {
                // NOTE: the first script task meets the same failure and reports it in its own row. The logger is
                // looked up here, not kept in a constant: every run asks hasScripts, and slf4j's set-up costs 2 ms.
                LoggerFactory.getLogger("io.jobrun.task.script").debug("warming up the script engine failed", e);
            }
        });
    }
}
