package io.jobrun.report;

import io.jobrun.job.CacheMode;
import io.jobrun.job.Durations;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.Job;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSelection;
import io.jobrun.job.TaskSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What {@code --dry-run} prints: the executors, then each task with its timeout, retries and dependencies. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    /** The plan of the tasks {@code selection} selects; the others are listed as not selected. */
    public static void print(Job job, TaskSelection selection, ExecutorSpec defaultExecutor, PrintStream out) {
        out.println("Plan for " + job.file() + (job.description() == null ? "" : ": " + job.description()));
        if (!job.declared().isEmpty()) {
            List<String> params = new ArrayList<>();
            job.declared().keySet().forEach(name -> params.add(name + "=" + job.params().get(name)));
            out.println("Parameters: " + String.join(", ", params));
        }
        out.println("Executors:");
        int executorWidth = defaultExecutor == null ? 0 : defaultExecutor.name().length();
        for (ExecutorSpec spec : job.executors()) {
            executorWidth = Math.max(executorWidth, spec.name().length());
        }
        for (ExecutorSpec spec : job.executors()) {
            out.println("  " + pad(spec.name(), executorWidth) + "  " + spec.describe());
        }
        if (defaultExecutor != null) {
            out.println("  " + pad(defaultExecutor.name(), executorWidth) + "  " + defaultExecutor.describe()
                    + "  (for tasks without on:)");
        }
        out.println("Tasks:");
        int taskWidth = 0;
        for (TaskSpec task : job.tasks()) {
            taskWidth = Math.max(taskWidth, task.name().length());
        }
        for (TaskSpec task : job.tasks()) {
            List<String> facts = new ArrayList<>();
            facts.add("on " + (task.executor() == null ? "default" : task.executor()));
            if (task.fansOut()) {
                facts.add("over " + task.over().describe());
            }
            TaskBody body = task.body().untemplated();
            if (body instanceof TaskBody.Shell shell) {
                facts.add("shell '" + Text.printable(shell.command()) + "'");
            }
            if (body instanceof TaskBody.Script script) {
                facts.add(script.language() + " script " + (script.file() != null ? script.file() : "(inline)")
                        + (script.call() != null ? " calling " + script.call() : "")
                        + (script.extraAccess() ? ", allowed " + String.join(", ", script.allow()) : ", sandboxed"));
            }
            facts.add("timeout " + (task.timeout() == null ? "none" : Durations.describe(task.timeout())));
            facts.add("retries " + task.retry().describe());
            if (!task.after().isEmpty()) {
                facts.add("after " + String.join(", ", task.after()));
            }
            if (task.when() != null) {
                facts.add("when " + task.when().text());
            }
            if (task.optional()) {
                facts.add("optional");
            }
            if (task.caching().mode() != CacheMode.STAT) {
                facts.add("cache: " + task.caching().mode().word());
            }
            if (task.caching().once()) {
                facts.add("once");
            }
            if (!task.caching().inputs().isEmpty()) {
                facts.add("inputs " + Text.printable(String.join(", ", task.caching().inputs())));
            }
            if (!selection.selects(task.name())) {
                facts = List.of("not selected");
            } else if (selection.selectsSomeItems(task.name())) {
                facts.add("only the items selected");
            }
            out.println("  " + pad(task.name(), taskWidth) + "  " + String.join(", ", facts));
        }
        out.println("Halt: " + job.halt().keyword() + (job.timeout() == null ? ""
                : "; job timeout " + Durations.describe(job.timeout())));
        out.println("Nothing was run (--dry-run).");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
