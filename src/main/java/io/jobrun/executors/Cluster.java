package io.jobrun.executors;

import io.jobrun.cluster.ClusterExecutor;
import io.jobrun.cluster.ClusterSecret;
import io.jobrun.cluster.HazelcastPresence;
import io.jobrun.cluster.MemberPool;
import io.jobrun.cluster.OnLoss;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.Placement;
import io.jobrun.job.RunSetting;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cluster(slots: 8, members: ['10.0.0.5:5701'])}: a {@link ClusterExecutor}, at most N tasks at once on the
 * members of a cluster ({@code bin/jobrun member} on each machine). Without a member address it starts a private
 * member inside this runner, so the same file runs on one machine; {@code --cluster ADDRESS} (or
 * {@value #VARIABLE}) points every cluster executor of a run at one cluster, over what the file says. Tasks travel
 * as they do to worker processes: the job file's code once, by its hash, then a signed reference per task.
 */
final class Cluster implements ExecutorKind {
    static final String VARIABLE = "JOBRUN_CLUSTER";
    static final RunSetting ADDRESS = new RunSetting("--cluster", VARIABLE, "ADDRESS",
            "run every cluster executor on the cluster with a member at ADDRESS (HOST:PORT; several separated by"
                    + " commas), signing tasks with the secret in " + ClusterSecret.ENV_SECRET + " or the file "
                    + ClusterSecret.ENV_SECRET_FILE + " names");
    static final OptionSpec MEMBERS = new OptionSpec("members", OptionType.NAMES, null,
            "HOST:PORT of members of the cluster to run on; by default a private member inside the runner");
    static final OptionSpec MEMBER_WAIT = new OptionSpec("memberWait", OptionType.DURATION, null,
            "how long tasks wait while no member is there before they fail; by default 1m");

    /** The run's environment: where --cluster points, and the secret. */
    private final Map<String, String> environment;
    /** The members of --cluster or {@value #VARIABLE}, over the job file's; empty when neither is given. */
    private final List<String> runMembers;

    Cluster() {
        this(System.getenv(), List.of());
    }

    private Cluster(Map<String, String> environment, List<String> runMembers) {
        this.environment = Map.copyOf(environment);
        this.runMembers = List.copyOf(runMembers);
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String description() {
        return "at most N tasks at once on the members of a cluster (bin/jobrun member on each machine); without"
                + " members, on a private member inside this runner";
    }

    @Override
    public String workersOption() {
        return "slots";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(MEMBERS, MEMBER_WAIT);
    }

    @Override
    public List<RunSetting> runSettings() {
        return List.of(ADDRESS);
    }

    @Override
    public ExecutorKind configured(Map<String, String> environment) {
        String given = environment.get(VARIABLE);
        List<String> members = new ArrayList<>();
        if (given != null) {
            for (String address : given.split(",")) {
                if (!address.isBlank()) {
                    members.add(address.strip());
                }
            }
        }
        for (String address : members) {
            String problem = addressProblem(address);
            if (problem != null) {
                throw new IllegalArgumentException(ADDRESS.flag() + " (or " + VARIABLE + "): " + problem);
            }
        }
        return new Cluster(environment, members);
    }

    /** With --cluster, its client connects while the job file compiles. */
    @Override
    public Runnable prepareRun() {
        if (runMembers.isEmpty()) {
            return () -> {
            };
        }
        return ClusterExecutor.preconnect(runMembers);
    }

    @Override
    public List<String> problems(ExecutorSpec spec) {
        if (!HazelcastPresence.onClassPath()) {
            return List.of("a cluster executor needs Hazelcast, which is not on this run's class path: bin/jobrun"
                    + " leaves it out of a run whose job files do not say \"cluster\" in plain letters (run it with"
                    + " --cluster ADDRESS, or spell the word out)");
        }
        List<String> problems = new ArrayList<>();
        List<String> members = spec.option(MEMBERS.name(), List.of());
        for (String address : members) {
            String problem = addressProblem(address);
            if (problem != null) {
                problems.add(problem);
            }
        }
        Duration wait = spec.option(MEMBER_WAIT.name(), null);
        if (wait != null && (wait.isZero() || wait.isNegative())) {
            problems.add("memberWait must be more than 0");
        }
        if (problems.isEmpty() && !members(spec).isEmpty()) {
            try {
                ClusterSecret.fromEnvironment(environment);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        ClusterExecutor.Options options = ClusterExecutor.Options.of(spec.workers()).setup(workerSetup);
        Duration wait = spec.option(MEMBER_WAIT.name(), null);
        if (wait != null) {
            options = options.memberWait(wait);
        }
        List<String> members = members(spec);
        return members.isEmpty() ? ClusterExecutor.embedded(options)
                : ClusterExecutor.connect(members, ClusterSecret.fromEnvironment(environment), options);
    }

    /** Where the executor's tasks go: the run's cluster, else the file's members; empty for the embedded default. */
    private List<String> members(ExecutorSpec spec) {
        return runMembers.isEmpty() ? spec.option(MEMBERS.name(), List.of()) : runMembers;
    }

    /** What is wrong with {@code address} as a member's address, or null. */
    private static String addressProblem(String address) {
        int colon = address.lastIndexOf(':');
        String port = colon < 0 ? "" : address.substring(colon + 1);
        if (colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return "a member's address is HOST:PORT, such as 10.0.0.5:5701; got '" + address + "'";
        }
        return null;
    }

    @Override
    public boolean runsInWorkerProcesses() {
        return true;
    }

    /** A member has threads and worker JVMs. */
    @Override
    public List<String> memberPools() {
        return TaskSpec.MEMBER_POOLS;
    }

    /**
     * A try lost with its member runs again on another; the run hears where each try went. It runs on the member's
     * threads unless the task asks for its worker JVMs ({@code memberPool: 'processes'}).
     */
    @Override
    public Future<Object> submit(Executor executor, TaskSpec spec, Task<Object> work, Duration timeLimit,
                                 Placement placement) {
        return submit(executor, spec, work, timeLimit, placement, OnLoss.RESUBMIT);
    }

    /** A once task is not sent to another member when its member leaves: it fails, saying so. */
    @Override
    public Future<Object> submitAtMostOnce(Executor executor, TaskSpec spec, Task<Object> work, Duration timeLimit,
                                           Placement placement) {
        return submit(executor, spec, work, timeLimit, placement, OnLoss.FAIL);
    }

    private static Future<Object> submit(Executor executor, TaskSpec spec, Task<Object> work, Duration timeLimit,
                                         Placement placement, OnLoss onLoss) {
        MemberPool pool = spec.memberPool() == null ? MemberPool.THREADS
                : MemberPool.valueOf(spec.memberPool().toUpperCase(Locale.ROOT)); // NOTE: the validator checked it
        return ((ClusterExecutor) executor).submit(work, timeLimit, onLoss, pool,
                (attempt, member, lostWith) -> placement.placed(member, lostWith));
    }

    @Override
    public void stopRunning(Executor executor) {
        ((ClusterExecutor) executor).stopRunning();
    }
}
