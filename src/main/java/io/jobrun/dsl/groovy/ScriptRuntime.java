package io.jobrun.dsl.groovy;

import io.jobrun.futures.Executor;
import io.jobrun.job.TaskContext;
import java.util.ArrayList;
import java.util.List;

/** Per-thread state of running job-file code: the task it runs for, and pools it made that close when it returns. */
final class ScriptRuntime {
    /** The context of the task whose code runs on this thread, or null while the file is being read. */
    static final ThreadLocal<TaskContext> CONTEXT = new ThreadLocal<>();
    /** Pools created by the code running on this thread; shut down when it returns, like Python's {@code with}. */
    static final ThreadLocal<List<Executor>> OWNED_POOLS = ThreadLocal.withInitial(ArrayList::new);
    /** Where {@code println} in task code writes: the task's output; null outside a task (the job's own stdout). */
    static final ThreadLocal<TaskPrint> PRINT = new ThreadLocal<>();
    /** The position of the DSL call about to run, set by the {@code __at} wrapper the compile step inserts. */
    static final ThreadLocal<CallSite> POSITION = new ThreadLocal<>();

    private ScriptRuntime() {
    }
}
