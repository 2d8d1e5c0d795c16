package io.jobrun.job;

import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a job model as a whole and collects every problem, so that a user fixes them all in one go. The rules that
 * concern more than one value live here, once for every syntax; a rule of one value lives in its constructor.
 */
public final class JobValidator {
    private final ExecutorKinds kinds;

    public JobValidator(ExecutorKinds kinds) {
        this.kinds = kinds;
    }

    /** Every problem of {@code job}, in file order; empty when it may run. */
    public List<Problem> validate(Job job) {
        return check(job).problems();
    }

    /**
     * What the validator finds.
     *
     * @param problems what stops the job from running, in file order
     * @param warnings what is allowed but risky (a {@code ${raw(...)}} in a shell command), in file order
     */
    public record Findings(List<Problem> problems, List<Problem> warnings) {
    }

    /** Every problem and warning of {@code job}. */
    public Findings check(Job job) {
        return check(job, false);
    }

    /**
     * Every problem and warning of {@code job}; with {@code partlyRead}, the file had parts its reader could not take
     * in (and said so), so what the model lacks may be in them: the job's having no tasks is then not said as well
     * (a YAML {@code jobs:} key or a misspelt {@code taks:} would each have said two things; a Groovy file with
     * problems gives no model to check).
     */
    public Findings check(Job job, boolean partlyRead) {
        List<Problem> problems = new ArrayList<>();
        checkJob(job, partlyRead, problems);
        checkExecutors(job, problems);
        checkTasks(job, problems);
        checkDefaultTasks(job, problems);
        ExpressionCheck expressions = new ExpressionCheck(job, problems);
        expressions.check();
        checkSendable(job, problems);
        checkMemberPools(job, problems);
        checkCycles(job, problems);
        return new Findings(inFileOrder(problems), inFileOrder(expressions.warnings()));
    }

    private static List<Problem> inFileOrder(List<Problem> problems) {
        return List.copyOf(Problem.inFileOrder(problems));
    }

    private void checkJob(Job job, boolean partlyRead, List<Problem> problems) {
        if (job.tasks().isEmpty() && !partlyRead) {
            // NOTE: a problem of the whole file still names a line, the first, as every problem does.
            problems.add(new Problem(new SourcePosition(job.file(), 1, 0), "the job has no tasks; a job needs at least"
                    + " one"));
        }
        if (job.timeout() != null && (job.timeout().isZero() || job.timeout().isNegative())) {
            problems.add(new Problem(job.positions().at("timeout"), "the job has a timeout of "
                    + job.timeout().toMillis() + "ms; it must be more than 0"));
        }
        List<String> declared = job.declared().keySet().stream().sorted().toList();
        for (String name : job.params().keySet().stream().sorted().toList()) {
            if (!job.declared().containsKey(name)) {
                problems.add(new Problem(job.positions().whole(), "-p " + name + ": the job has no parameter '" + name
                        + "' (" + (declared.isEmpty() ? "it declares none" : "it declares " + String.join(", ",
                        declared)) + ")" + Suggestions.hint(name, declared)));
            }
        }
    }

    private void checkExecutors(Job job, List<Problem> problems) {
        Map<String, ExecutorSpec> seen = new HashMap<>();
        for (ExecutorSpec spec : job.executors()) {
            ExecutorSpec first = seen.putIfAbsent(spec.name(), spec);
            if (first != null) {
                problems.add(new Problem(spec.position(), "executor '" + spec.name() + "' is declared twice (first at"
                        + " line " + first.position().line() + ")"));
            }
            kinds.unavailable(spec.kind()).ifPresent(why -> problems.add(new Problem(spec.position(), why)));
            ExecutorKind kind = kinds.find(spec.kind());
            if (kind != null) {
                for (String problem : kind.problems(spec)) {
                    problems.add(new Problem(spec.position(), "executor '" + spec.name() + "': " + problem));
                }
            }
            if (spec.workers() < 1) {
                problems.add(new Problem(spec.position(), "executor '" + spec.name() + "' needs at least 1 worker, got "
                        + spec.workers()));
            }
        }
    }

    private void checkTasks(Job job, List<Problem> problems) {
        Set<String> executorNames = new HashSet<>();
        job.executors().forEach(e -> executorNames.add(e.name()));
        Set<String> taskNames = new HashSet<>();
        job.tasks().forEach(t -> taskNames.add(t.name()));
        Map<String, TaskSpec> seen = new HashMap<>();
        for (TaskSpec task : job.tasks()) {
            TaskSpec first = seen.putIfAbsent(task.name(), task);
            if (first != null) {
                problems.add(new Problem(task.position(), "task '" + task.name() + "' is declared twice (first at line "
                        + first.position().line() + ")"));
            }
            if (task.name().indexOf('[') >= 0 || task.name().indexOf(']') >= 0) {
                // NOTE: a task 'x[1]' and the first item of a fan-out 'x' would be one row, one selection, one
                // --rerun name.
                problems.add(new Problem(task.position(), "task '" + task.name() + "': a task's name may not hold"
                        + " '[' or ']', which name a fan-out's items (x[1]); use another character, or a fan-out"));
            }
            if (task.executor() != null && !executorNames.contains(task.executor())) {
                problems.add(new Problem(task.positions().at("on"), "task '" + task.name() + "' runs on executor '"
                        + task.executor() + "', which is not declared" + Suggestions.hint(task.executor(), executorNames)));
            }
            for (int i = 0; i < task.after().size(); i++) {
                String dependency = task.after().get(i);
                SourcePosition at = task.positions().at("after." + i);
                if (dependency.equals(task.name()) && !duplicated(job, task.name())) {
                    problems.add(new Problem(at, "task '" + task.name() + "' cannot run after itself"));
                } else if (!taskNames.contains(dependency)) {
                    problems.add(new Problem(at, "task '" + task.name() + "' runs after '" + dependency
                            + "', which is not a task" + severalInOne(dependency, taskNames)
                            .or(() -> anItem(dependency, taskNames)).orElse(Suggestions.hint(dependency, taskNames))));
                }
            }
            if (task.over() instanceof ItemSource.Result result) {
                if (result.task().equals(task.name())) {
                    problems.add(new Problem(result.position(), "task '" + task.name()
                            + "' cannot take its items from its own result"));
                } else if (!taskNames.contains(result.task())) {
                    problems.add(new Problem(result.position(), "task '" + task.name() + "' takes its items from '"
                            + result.task() + "', which is not a task" + Suggestions.hint(result.task(), taskNames)));
                }
            }
            if (task.timeout() != null && (task.timeout().isZero() || task.timeout().isNegative())) {
                problems.add(new Problem(task.positions().at("timeout"), "task '" + task.name() + "' has a timeout of "
                        + task.timeout().toMillis() + "ms; it must be more than 0"));
            }
            if (task.caching().once() && !task.caching().reusable()) {
                problems.add(new Problem(task.positions().at("caching.once"), "task '" + task.name() + "' has both "
                        + "once: true and cache: false; a once task must not run again, and cache: false runs it "
                        + "every time: keep one"));
            }
        }
    }

    /** Each name in {@code default:} must select a task, as it would on the command line. */
    private static void checkDefaultTasks(Job job, List<Problem> problems) {
        for (int i = 0; i < job.defaultTasks().size(); i++) {
            NamePattern pattern = new NamePattern(job.defaultTasks().get(i));
            if (TaskSelection.match(job, pattern).isEmpty()) {
                problems.add(new Problem(job.positions().at("default." + i), "default: "
                        + TaskSelection.unknown(job, pattern).getMessage()));
            }
        }
    }

    /** "a, b" or "a b" written as one name, where each part is a task: several names, which are a list. */
    private static Optional<String> severalInOne(String name, Set<String> taskNames) {
        List<String> parts = List.of(name.strip().split("[,\\s]+"));
        return parts.size() > 1 && taskNames.containsAll(parts) ? Optional.of(" (several tasks are a list, one name"
                + " each: " + String.join(", ", parts.stream().map(part -> "'" + part + "'").toList()) + ")")
                : Optional.empty();
    }

    /** "sq[1]", an item of the fan-out sq: a task runs after a whole task. */
    private static Optional<String> anItem(String name, Set<String> taskNames) {
        int bracket = name.indexOf('[');
        String fanOut = bracket > 0 && name.endsWith("]") ? name.substring(0, bracket) : null;
        return fanOut != null && taskNames.contains(fanOut) ? Optional.of(" (a task runs after the whole of a fan-out:"
                + " '" + fanOut + "', when all its items have ended)") : Optional.empty();
    }

    /** Tasks on a process executor: their code and fan-out items must cross to a worker JVM. */
    private void checkSendable(Job job, List<Problem> problems) {
        for (TaskSpec task : job.tasks()) {
            ExecutorSpec executor = task.executor() == null ? null : job.executor(task.executor());
            if (executor == null || !kinds.runsInWorkerProcesses(executor.kind())) {
                continue;
            }
            String runsOn = "task '" + task.name() + "' runs on process executor '" + executor.name() + "', but ";
            if (task.body() instanceof TaskBody.Code code) {
                code.code().unsendable().ifPresent(why -> problems.add(new Problem(task.position(), runsOn + why
                        + ", which cannot be sent to a worker process")));
            }
            if (task.body() instanceof TaskBody.Custom custom) {
                problems.add(new Problem(task.position(), runsOn + "a " + custom.kind() + " task runs only in this"
                        + " JVM"));
            }
            if (task.over() instanceof ItemSource.Items written) {
                for (int i = 0; i < written.items().size(); i++) {
                    Object item = written.items().get(i);
                    Optional<String> why = Sendable.why(item);
                    if (why.isPresent()) {
                        problems.add(new Problem(task.position(), runsOn + "its item " + (i + 1) + " ("
                                + item.getClass().getName() + ") cannot be sent to a worker process: " + why.get()));
                        break;
                    }
                }
            }
        }
    }

    /** {@code memberPool:} names one of a member's pools, and the task's executor has members that have it. */
    private void checkMemberPools(Job job, List<Problem> problems) {
        for (TaskSpec task : job.tasks()) {
            String pool = task.memberPool();
            if (pool == null) {
                continue;
            }
            SourcePosition at = task.positions().at("memberPool");
            String asks = "task '" + task.name() + "' asks for memberPool '" + pool + "'";
            if (!TaskSpec.MEMBER_POOLS.contains(pool)) {
                problems.add(new Problem(at, asks + "; a member's pools are '" + String.join("' and '",
                        TaskSpec.MEMBER_POOLS) + "'" + Suggestions.hint(pool, TaskSpec.MEMBER_POOLS)));
                continue;
            }
            ExecutorSpec executor = task.executor() == null ? null : job.executor(task.executor());
            ExecutorKind kind = executor == null ? null : kinds.find(executor.kind());
            if (task.executor() == null) {
                problems.add(new Problem(at, asks + ", but it runs on the default threads pool, which has no members;"
                        + " give it on: a cluster executor"));
            } else if (kind != null && !kind.memberPools().contains(pool)) {
                problems.add(new Problem(at, asks + ", but executor '" + executor.name() + "' is a " + kind.name()
                        + " pool, which has no members; memberPool is for tasks on a cluster executor"));
            }
        }
    }

    private static boolean duplicated(Job job, String name) {
        return job.tasks().stream().filter(t -> t.name().equals(name)).count() > 1;
    }

    /** Reports each dependency cycle once, at the first task of the cycle in file order. */
    private void checkCycles(Job job, List<Problem> problems) {
        Map<String, TaskSpec> byName = new LinkedHashMap<>();
        job.tasks().forEach(t -> byName.putIfAbsent(t.name(), t));
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (TaskSpec task : byName.values()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = findCycle(task.name(), byName, state, path);
            // NOTE: a task after itself is a cycle of one, reported as such by checkTasks.
            if (cycle != null && cycle.size() > 2) {
                problems.add(new Problem(byName.get(cycle.get(0)).position(),
                        "tasks depend on each other in a cycle: " + String.join(" -> ", cycle)));
            }
        }
    }

    private List<String> findCycle(String name, Map<String, TaskSpec> byName, Map<String, Integer> state,
                                   List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2 || !byName.containsKey(name)) {
            return null;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        state.put(name, 1);
        path.add(name);
        for (String dependency : byName.get(name).upstreams()) {
            List<String> cycle = findCycle(dependency, byName, state, path);
            if (cycle != null) {
                state.put(name, 2);
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return null;
    }
}
