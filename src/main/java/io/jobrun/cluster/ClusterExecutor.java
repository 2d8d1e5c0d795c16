package io.jobrun.cluster;

import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Executor;
import io.jobrun.futures.ExecutorState;
import io.jobrun.futures.ExitHook;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.TimeLimits;
import io.jobrun.futures.WaitInterruptedException;
import io.jobrun.futures.process.FilteredSerialization;
import io.jobrun.futures.process.TaskSerializationException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on the members of a Hazelcast cluster, with the same {@link Executor} contract as the pools of this JVM.
 *
 * <p>Data flow (no thread of its own but one that opens the connection; answers arrive on {@link Answers}):
 * <pre>
 *  submit            serialize in the caller's thread; a task that cannot be serialized fails its own future
 *    │
 *    ▼
 *  pending (FIFO, lock) ── a member with a free slot takes the oldest (a batch of them when the queue is deep ──┐
 *    ▲  ▲                    and tasks are quick); their futures become RUNNING only now                       │ signed
 *    │  └── lost with its member (MemberLeft, TargetDisconnected, or the member's removal event): back to       │ Submission
 *    │      the front, attempt + 1, not a retry; or failed if it must run at most once                         ▼
 *    │                                                             member: MemberRuntime runs them one after another
 *  answer (signed) ◀──────────────────────────────────────────── on its own pool, each with its time limit there
 *    completes the futures; the slot goes to the next pending tasks
 * </pre>
 *
 * <p>The queue stays here: a member holds at most its slots' worth of this executor's dispatches, so cancelling what
 * waits is local and a member that dies loses only what it was running. When no member is there, tasks wait up to
 * {@code memberWait} and then fail saying so. Decisions are made under the lock and carried out after it is released.
 *
 * <p>Batches: with more tasks waiting than free slots, a slot that waited a round trip between tiny tasks would make
 * the cluster slower than the tasks; so a dispatch then takes an even share of the queue over the free slots, as many
 * as fit in the batch budget (50 ms) at the tasks' observed pace (one until a pace is known, at most
 * {@link #MAX_BATCH}). Each task of a batch keeps its own time limit on the member, its own future and report, and a
 * batch lost with its member goes back to the queue task by task.
 */
public final class ClusterExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.cluster");
    /** How long past its time limit a member may take to answer before the task fails here regardless. */
    private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(10);
    /** How long a member whose call failed as if it had left gets no work, waiting for its removal event. */
    private static final Duration SUSPICION = Duration.ofSeconds(10);
    /**
     * How long this client waits before it sends again after a call that never left it, for want of any connection
     * (a member it was connected to left and it has not connected to another yet).
     */
    private static final Duration OFFLINE_PAUSE = Duration.ofMillis(200);
    /** By default a batch takes no more tasks than run in this long at their observed pace. */
    static final Duration BATCH_BUDGET = Duration.ofMillis(50);
    /** The most tasks one dispatch takes. */
    static final int MAX_BATCH = 64;

    /**
     * @param maxInFlight at most this many of its tasks run at once, on all members together (each member also takes
     *                    no more than its own slots)
     * @param memberWait  how long tasks wait when there is no member before they fail
     * @param setup       the run's code, which each member loads before the run's first task there, or null
     * @param batchBudget when the queue is deep, a dispatch takes as many tasks as run in this long at their observed
     *                    pace: what one slot may lag behind the others at the end of a run
     */
    public record Options(int maxInFlight, Duration memberWait, Initializer setup, Duration batchBudget) {
        public Options {
            if (maxInFlight <= 0) {
                throw new IllegalArgumentException("maxInFlight must be greater than 0, got " + maxInFlight);
            }
            Objects.requireNonNull(memberWait, "memberWait");
            Objects.requireNonNull(batchBudget, "batchBudget");
        }

        public static Options of(int maxInFlight) {
            return new Options(maxInFlight, Duration.ofMinutes(1), null, BATCH_BUDGET);
        }

        public Options memberWait(Duration value) {
            return new Options(maxInFlight, value, setup, batchBudget);
        }

        public Options setup(Initializer value) {
            return new Options(maxInFlight, memberWait, value, batchBudget);
        }

        public Options batchBudget(Duration value) {
            return new Options(maxInFlight, memberWait, setup, value);
        }
    }

    private final Options options;
    private final Connection connection;
    private final ClusterSecret secret;
    private final SessionId session = SessionId.random();
    /** The run's code, serialized, and its key in the cluster's code map; null and "" when there is none. */
    private final byte[] code;
    private final String codeKey;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a call settles. */
    private final Condition settled = lock.newCondition();
    /** Calls waiting for a slot, oldest first; lost ones go back to the front. Guarded by lock. */
    private final ArrayDeque<ClusterCall> pending = new ArrayDeque<>();
    /** Dispatches sent and not answered, one slot of their member each. Guarded by lock. */
    private final Set<ClusterBatch> running = new LinkedHashSet<>();
    /** What a task has taken lately from dispatch to answer, on average (batches shared out); 0 until one answered. */
    private double paceNanos;
    /** Calls settled here whose futures are being completed outside the lock; shutdown waits for them. Guarded by lock. */
    private int completing;
    /** Members that take this executor's work, by uuid, in the order they came. Guarded by lock. */
    private final Map<UUID, MemberSlots> members = new LinkedHashMap<>();
    /** Guarded by lock; volatile for {@link #toString()} and the fast check in submit. */
    private volatile ExecutorState state = ExecutorState.OPEN;
    /** Guarded by lock. */
    private LinkState link = LinkState.OPENING;
    /** Shut down with nothing left to run: the JVM's exit hook need not wait for it. Guarded by lock. */
    private boolean terminated;
    /** Why the link FAILED. Guarded by lock. */
    private Throwable linkFailure;
    /** Set once with the move to OPEN. */
    private volatile HazelcastInstance instance;
    private volatile IExecutorService remote;
    /** The counter of the next dispatch, signed into it. Guarded by lock. */
    private long nextDispatch;
    /** Guards {@link #codeStored}: the first send stores the run's code, and the others wait for it. */
    private final Object codeLock = new Object();
    /** Whether the code map holds the run's code since members were last all gone. Guarded by codeLock. */
    private boolean codeStored;

    private ClusterExecutor(Options options, Connection connection, ClusterSecret secret) {
        this.options = options;
        this.connection = connection;
        this.secret = secret;
        this.code = options.setup() == null ? null : FilteredSerialization.serialize(options.setup(), "the run's code");
        this.codeKey = code == null ? "" : CodeKeys.of(code);
        ExitHook.register(this);
        Thread.ofPlatform().daemon().name("jobrun-cluster-connect").start(this::openLink);
    }

    /** The embedded default: a private member of its own in this JVM, loopback only, with a random secret. */
    public static ClusterExecutor embedded(Options options) {
        ClusterSecret secret = ClusterSecret.random();
        return new ClusterExecutor(options, Connection.embedded(options.maxInFlight(), secret), secret);
    }

    /** A client of the cluster whose members listen at {@code addresses} ("host:port"), signing with {@code secret}. */
    public static ClusterExecutor connect(List<String> addresses, ClusterSecret secret, Options options) {
        return new ClusterExecutor(options, Connection.client(List.copyOf(addresses),
                ClusterConfigs.DEFAULT_CLUSTER_NAME), secret);
    }

    /**
     * Starts a client of the cluster at {@code addresses} now, in the background, for the first executor of this JVM
     * that {@link #connect connects} there: it loads and connects while the caller does other work (a job file
     * compiles). The returned action shuts the client down unless an executor took it.
     */
    public static Runnable preconnect(List<String> addresses) {
        return ClientStart.early(ClusterConfigs.DEFAULT_CLUSTER_NAME, List.copyOf(addresses));
    }

    /** Submits through {@code connection}: for tests that watch what goes to the members. */
    static ClusterExecutor over(Connection connection, ClusterSecret secret, Options options) {
        return new ClusterExecutor(options, connection, secret);
    }

    /** Submits through {@code member}, a member of this JVM that someone else started and stops. */
    public static ClusterExecutor onMember(ClusterMember member, ClusterSecret secret, Options options) {
        return new ClusterExecutor(options, Connection.shared(member), secret);
    }

    @Override
    public <T> Future<T> submit(Task<T> task, Duration timeLimit) {
        return submit(task, timeLimit, OnLoss.RESUBMIT, Dispatches.NONE);
    }

    /**
     * Like {@link #submit(Task, Duration)}, saying what happens when the task's member leaves while it runs, and who
     * hears where each try of it is sent.
     */
    public <T> Future<T> submit(Task<T> task, Duration timeLimit, OnLoss onLoss, Dispatches dispatches) {
        return submit(task, timeLimit, onLoss, MemberPool.THREADS, dispatches);
    }

    /** Like {@link #submit(Task, Duration, OnLoss, Dispatches)}, on {@code pool} of the member it goes to. */
    public <T> Future<T> submit(Task<T> task, Duration timeLimit, OnLoss onLoss, MemberPool pool,
                                Dispatches dispatches) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(pool, "pool");
        checkAccepting();
        Future<Object> future = new Future<>();
        byte[] payload;
        try {
            payload = FilteredSerialization.serialize(task, "the task");
        } catch (TaskSerializationException unsendable) {
            future.finish(null, unsendable);
            return cast(future);
        }
        ClusterCall call = new ClusterCall(future, payload, timeLimit, onLoss, pool, dispatches);
        Plan plan;
        lock.lock();
        try {
            checkAccepting();
            if (link == LinkState.FAILED) {
                plan = new Plan();
                plan.fail(call, failedLink());
            } else {
                pending.add(call);
                plan = schedule();
            }
        } finally {
            lock.unlock();
        }
        plan.run();
        return cast(future);
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<T> cast(Future<Object> future) {
        return (Future<T>) (Future<?>) future;
    }

    /** Throws unless the executor accepts work, in CPython's order: JVM exit, then shut down. */
    private void checkAccepting() {
        ExitHook.refuseIfExiting();
        if (state != ExecutorState.OPEN) {
            throw new RejectedExecutionException("cannot schedule new futures after shutdown");
        }
    }

    /** How many dispatches it has sent, each one task or a batch of them. */
    long dispatches() {
        lock.lock();
        try {
            return nextDispatch;
        } finally {
            lock.unlock();
        }
    }

    /** The members this executor sends work to now, "host:port" each. */
    public List<String> memberAddresses() {
        lock.lock();
        try {
            return members.values().stream().map(m -> m.address).toList();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the link

    private void openLink() {
        HazelcastInstance opened;
        try {
            opened = connection.open(new Membership());
        } catch (Throwable failure) {
            linkFailed(failure);
            return;
        }
        boolean closeNow;
        Plan plan = new Plan();
        lock.lock();
        try {
            closeNow = link == LinkState.CLOSED;
            if (!closeNow) {
                instance = opened;
                link = LinkState.OPEN;
                schedule(plan); // NOTE: members may have been announced while it opened
            }
        } finally {
            lock.unlock();
        }
        if (closeNow) {
            connection.close();
        }
        plan.run();
    }

    /**
     * Hazelcast's executor service, looked up at the first send: a client that starts in the background refuses
     * every call, this one included, until it is connected, and a send only happens once a member is known.
     */
    private IExecutorService remote() {
        IExecutorService service = remote;
        if (service == null) {
            service = instance.getExecutorService(ClusterConfigs.EXECUTOR);
            remote = service;
        }
        return service;
    }

    private void linkFailed(Throwable failure) {
        LOG.error("cannot reach {}", connection.describe(), failure);
        Plan plan = new Plan();
        lock.lock();
        try {
            link = LinkState.FAILED;
            linkFailure = failure;
            while (!pending.isEmpty()) {
                plan.fail(pending.poll(), failedLink());
            }
            settled.signalAll();
        } finally {
            lock.unlock();
        }
        plan.run();
    }

    private ClusterException failedLink() {
        return new ClusterException("cannot reach " + connection.describe() + ": " + linkFailure, linkFailure);
    }

    /** Membership events, in order, on a Hazelcast event thread. */
    private final class Membership implements InitialMembershipListener {
        @Override
        public void init(InitialMembershipEvent event) {
            for (Member member : event.getMembers()) {
                added(member);
            }
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            added(event.getMember());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            removed(event.getMember());
        }
    }

    private void added(Member member) {
        String slots = member.getAttribute(ClusterConfigs.SLOTS);
        String version = member.getAttribute(ClusterConfigs.VERSION);
        if (slots == null || !ClusterConfigs.version().equals(version)) {
            LOG.warn("member {} is not a jobrun {} member ({}); no tasks go there", ClusterMember.describe(member),
                    ClusterConfigs.version(), slots == null ? "no jobrun runtime" : "jobrun " + version);
            return;
        }
        Plan plan;
        lock.lock();
        try {
            members.put(member.getUuid(), new MemberSlots(member, Integer.parseInt(slots)));
            plan = schedule();
        } finally {
            lock.unlock();
        }
        Answers.POOL.execute(plan::run); // NOTE: not on Hazelcast's event thread: sending may block
    }

    private void removed(Member member) {
        Plan plan;
        lock.lock();
        try {
            MemberSlots gone = members.remove(member.getUuid());
            if (gone == null) {
                return;
            }
            plan = new Plan();
            for (ClusterBatch batch : new ArrayList<>(running)) {
                if (batch.member == gone) {
                    lose(batch, plan);
                }
            }
            if (members.isEmpty()) {
                synchronized (codeLock) {
                    codeStored = false; // NOTE: the map's entries lived on those members
                }
            }
            schedule(plan);
        } finally {
            lock.unlock();
        }
        Answers.POOL.execute(plan::run);
    }

    // ---------------------------------------------------------------- scheduling (under lock)

    private Plan schedule() {
        Plan plan = new Plan();
        schedule(plan);
        return plan;
    }

    /**
     * Proceeds in 3 steps: give pending calls to the members with the most free slots, one dispatch a slot, up to
     * {@code maxInFlight}; start the member wait of calls that cannot go anywhere because no member is there; close
     * the link once the executor is shut down and nothing is left.
     */
    private void schedule(Plan plan) {
        while (link == LinkState.OPEN && !pending.isEmpty() && running.size() < options.maxInFlight()) {
            MemberSlots target = mostFree();
            if (target == null) {
                break;
            }
            ClusterBatch batch = new ClusterBatch(target, nextDispatch, pending.peek().pool);
            int size = batchSize();
            while (batch.size() < size && !pending.isEmpty() && pending.peek().pool == batch.pool) {
                ClusterCall call = pending.poll();
                if (call.attempts == 0 && !call.future.setRunningOrNotifyCancel()) {
                    continue; // cancelled while it waited
                }
                if (!call.unsent) {
                    call.attempts++;
                }
                call.unsent = false;
                call.batch = batch;
                call.waitingSinceNanos = -1;
                batch.add(call);
                call.leftMember = null;
            }
            if (batch.size() == 0) {
                continue; // all cancelled while they waited
            }
            nextDispatch++;
            target.inFlight++;
            running.add(batch);
            plan.sends.add(batch);
        }
        if (members.isEmpty() && (link != LinkState.OPENING || connection.remote()) && !pending.isEmpty()) {
            startMemberWait(plan);
        }
        if (state != ExecutorState.OPEN && pending.isEmpty() && running.isEmpty() && !terminated) {
            terminated = true;
            plan.terminated = true;
            if (link == LinkState.OPEN || link == LinkState.OPENING) {
                // NOTE: a client still connecting is closed too: its opening waits until it connects, maybe never
                plan.closeLink = link == LinkState.OPEN || connection.remote();
                link = LinkState.CLOSED;
            }
        }
        settled.signalAll();
    }

    /**
     * How many calls the next dispatch takes: one while there are no more waiting than free slots, or while the
     * tasks' pace is unknown or slow; else an even share of the queue over the free slots, as many as fit in the
     * batch budget, at most {@link #MAX_BATCH}.
     */
    private int batchSize() {
        long now = System.nanoTime();
        int free = 0;
        for (MemberSlots member : members.values()) {
            free += Math.max(0, member.free(now));
        }
        free = Math.min(free, options.maxInFlight() - running.size());
        if (free <= 0 || pending.size() <= free || paceNanos <= 0) {
            return 1;
        }
        int share = (pending.size() + free - 1) / free;
        int fits = (int) Math.max(1, Math.min(MAX_BATCH, options.batchBudget().toNanos() / paceNanos));
        return Math.min(MAX_BATCH, Math.min(share, fits));
    }

    private MemberSlots mostFree() {
        long now = System.nanoTime();
        MemberSlots best = null;
        for (MemberSlots member : members.values()) {
            if (member.free(now) > 0 && (best == null || member.free(now) > best.free(now))) {
                best = member;
            }
        }
        return best;
    }

    /** Marks the calls that now wait for a member, and arms the alarm that fails them after the member wait. */
    private void startMemberWait(Plan plan) {
        long now = System.nanoTime();
        boolean arm = false;
        for (ClusterCall call : pending) {
            if (call.waitingSinceNanos < 0) {
                call.waitingSinceNanos = now;
                arm = true;
            }
        }
        if (arm) {
            plan.armMemberWait = true;
        }
    }

    private void memberWaitPassed() {
        Plan plan = new Plan();
        lock.lock();
        try {
            if (!members.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            long wait = options.memberWait().toNanos();
            for (ClusterCall call : new ArrayList<>(pending)) {
                if (call.waitingSinceNanos >= 0 && now - call.waitingSinceNanos >= wait) {
                    pending.remove(call);
                    plan.fail(call, new ClusterException("no cluster member for " + TimeLimits.describe(
                            options.memberWait()) + " (" + connection.describe() + "); the task did not run"
                            + (call.attempts > 0 ? " again after its member left" : "")));
                }
            }
            schedule(plan);
        } finally {
            lock.unlock();
        }
        plan.run();
    }

    /**
     * A dispatch's member is gone: its calls go back to the front of the queue in their order, or fail when they must
     * not run twice.
     */
    private void lose(ClusterBatch batch, Plan plan) {
        String left = batch.member.address;
        release(batch);
        LOG.info("{} lost with member {}; they go to another member", batch.size() == 1 ? "attempt "
                + batch.attempts.get(0) + " was" : batch.size() + " tasks were", left);
        for (int i = batch.size() - 1; i >= 0; i--) {
            ClusterCall call = batch.calls.get(i);
            if (call.onLoss == OnLoss.FAIL) {
                plan.fail(call, new ClusterException("member " + left + " left while the task ran; it was not run "
                        + "again, as it must run at most once"));
            } else {
                call.leftMember = left;
                pending.addFirst(call);
            }
        }
    }

    /**
     * A dispatch that never left this client: its calls go back to the front of the queue as they were, to be sent
     * again as the same attempts (a loss before this one was reported when they were sent).
     */
    private void putBack(ClusterBatch batch) {
        release(batch);
        for (int i = batch.size() - 1; i >= 0; i--) {
            ClusterCall call = batch.calls.get(i);
            call.unsent = true;
            call.leftMember = null;
            pending.addFirst(call);
        }
    }

    /** {@code member} gets no work for {@code pause}, unless it is suspect for longer already. */
    private void suspect(MemberSlots member, Duration pause, Plan plan) {
        long until = System.nanoTime() + pause.toNanos();
        if (!member.suspect || member.suspectUntilNanos - until < 0) {
            member.suspect = true;
            member.suspectUntilNanos = until;
            plan.wakeAfter = plan.wakeAfter == null || plan.wakeAfter.compareTo(pause) < 0 ? pause : plan.wakeAfter;
        }
    }

    private void release(ClusterBatch batch) {
        running.remove(batch);
        batch.member.inFlight--;
        for (ClusterCall call : batch.calls) {
            call.batch = null;
        }
        batch.remote = null;
        if (batch.backstop != null) {
            batch.backstop.cancel();
            batch.backstop = null;
        }
    }

    // ---------------------------------------------------------------- sending and answers (outside the lock)

    @SuppressWarnings("unchecked") // NOTE: Hazelcast's futures are CompletableFutures of the callable's type
    private void send(ClusterBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            batch.calls.get(i).dispatches.sent(batch.attempts.get(i), batch.member.address, batch.lostWith.get(i));
        }
        Submission submission = Submission.signed(secret, session, batch.dispatch, System.currentTimeMillis(),
                codeKey, batch.pool, batch.timeLimitsNanos(), batch.payloads());
        long sentAt = System.nanoTime();
        java.util.concurrent.Future<Answer> sent;
        try {
            storeCode();
            sent = remote().submitToMember(submission, batch.member.member);
        } catch (RuntimeException failure) {
            answered(batch, submission, sentAt, null, failure);
            return;
        }
        boolean settledMeanwhile;
        lock.lock();
        try {
            Duration limit = batch.timeLimit();
            settledMeanwhile = !running.contains(batch);
            if (!settledMeanwhile) {
                batch.remote = sent;
                if (limit != null) {
                    batch.backstop = TimeLimits.schedule(TimeLimits.plus(limit, BACKSTOP_GRACE),
                            () -> Thread.startVirtualThread(() -> backstop(batch)));
                }
            }
        } finally {
            lock.unlock();
        }
        if (settledMeanwhile) {
            // NOTE: a stop (or its member's removal) came while this was being sent, and found nothing to cancel
            sent.cancel(true);
        }
        if (!(sent instanceof CompletionStage<?> stage)) {
            throw new IllegalStateException("Hazelcast returned a " + sent.getClass().getName() + ", which is not a "
                    + "CompletionStage; this Hazelcast version is not supported");
        }
        ((CompletionStage<Answer>) stage).whenCompleteAsync(
                (answer, error) -> answered(batch, submission, sentAt, answer, error), Answers.POOL);
    }

    /** Puts the run's code in the cluster's code map once, before the first task that needs it goes out. */
    private void storeCode() {
        if (code == null) {
            return;
        }
        synchronized (codeLock) {
            if (!codeStored) {
                instance.getMap(MemberRuntime.CODE_MAP).set(codeKey, code);
                codeStored = true;
            }
        }
    }

    private void answered(ClusterBatch batch, Submission submission, long sentAt, Answer answer, Throwable error) {
        Plan plan = new Plan();
        boolean lost;
        lock.lock();
        try {
            if (!running.contains(batch)) {
                return; // settled already: its member's removal, its backstop, or a stop came first
            }
            boolean unsent = error != null && Losses.neverSent(error);
            lost = unsent || error != null && Losses.memberLost(error);
            if (unsent) {
                putBack(batch);
                suspect(batch.member, OFFLINE_PAUSE, plan);
            } else if (lost) {
                LOG.info("a call to member {} failed as if it had left: {}", batch.member.address, error.toString());
                MemberSlots suspect = batch.member;
                lose(batch, plan);
                suspect(suspect, SUSPICION, plan);
            } else {
                double perTask = (double) (System.nanoTime() - sentAt) / batch.size();
                paceNanos = paceNanos <= 0 ? perTask : 0.75 * paceNanos + 0.25 * perTask;
                release(batch);
                completing += batch.size();
            }
            schedule(plan);
        } finally {
            lock.unlock();
        }
        // NOTE: the futures first, then the next sends: a task that waited for this slot never ends before the tasks
        // that held it are seen done; the sends in a finally, as a done-callback may throw (even an OutOfMemoryError)
        try {
            if (!lost) {
                try {
                    Answers.complete(futures(batch), batch.member.address, submission, answer, error, secret);
                } finally {
                    completed(batch.size());
                }
            }
        } finally {
            plan.run();
        }
    }

    private static List<Future<Object>> futures(ClusterBatch batch) {
        List<Future<Object>> futures = new ArrayList<>(batch.size());
        for (ClusterCall call : batch.calls) {
            futures.add(call.future);
        }
        return futures;
    }

    /** {@code count} futures settled under the lock are complete now. */
    private void completed(int count) {
        lock.lock();
        try {
            completing -= count;
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void backstop(ClusterBatch batch) {
        Plan plan = new Plan();
        java.util.concurrent.Future<Answer> sent;
        lock.lock();
        try {
            if (!running.contains(batch)) {
                return;
            }
            sent = batch.remote;
            release(batch);
            completing += batch.size();
            schedule(plan);
        } finally {
            lock.unlock();
        }
        if (sent != null) {
            sent.cancel(true);
        }
        try {
            for (ClusterCall call : batch.calls) {
                call.future.finish(null, new FutureTimeoutException("task exceeded its time limit of "
                        + TimeLimits.describe(call.timeLimit) + " and member " + batch.member.address
                        + " did not answer"));
            }
        } finally {
            completed(batch.size());
            plan.run(); // NOTE: in a finally, as a done-callback may throw (even an OutOfMemoryError)
        }
    }

    /** What a scheduling step decided, done after the lock is released. */
    private final class Plan {
        final List<ClusterBatch> sends = new ArrayList<>(2);
        final List<ClusterCall> toFail = new ArrayList<>(0);
        final List<Throwable> failures = new ArrayList<>(0);
        boolean armMemberWait;
        /** When to look at the queue again, as a suspect member may take work by then; null for never. */
        Duration wakeAfter;
        boolean closeLink;
        boolean terminated;

        /** Fails {@code call} when the plan runs; call under the lock. */
        void fail(ClusterCall call, Throwable why) {
            toFail.add(call);
            failures.add(why);
            completing++;
        }

        void run() {
            for (int i = 0; i < toFail.size(); i++) {
                ClusterCall call = toFail.get(i);
                if (call.future.futureState() == io.jobrun.futures.FutureState.PENDING) {
                    call.future.setRunningOrNotifyCancel();
                }
                call.future.finish(null, failures.get(i));
            }
            if (!toFail.isEmpty()) {
                completed(toFail.size());
            }
            for (ClusterBatch batch : sends) {
                send(batch);
            }
            if (armMemberWait) {
                // NOTE: the timer thread serves every time limit in the JVM; failing futures runs their callbacks
                TimeLimits.schedule(options.memberWait(),
                        () -> Thread.startVirtualThread(ClusterExecutor.this::memberWaitPassed));
            }
            if (wakeAfter != null) {
                TimeLimits.schedule(wakeAfter, () -> Thread.startVirtualThread(ClusterExecutor.this::reschedule));
            }
            if (closeLink) {
                connection.close();
            }
            if (terminated) {
                ExitHook.unregister(ClusterExecutor.this);
            }
        }
    }

    /** Gives waiting calls to members again, e.g. to a suspect member that turned out to be still there. */
    private void reschedule() {
        Plan plan;
        lock.lock();
        try {
            plan = schedule();
        } finally {
            lock.unlock();
        }
        plan.run();
    }

    // ---------------------------------------------------------------- shutdown and stop

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<ClusterCall> cancelled = new ArrayList<>();
        Plan plan;
        lock.lock();
        try {
            if (state == ExecutorState.OPEN) {
                state = ExecutorState.SHUTDOWN;
            }
            if (cancelFutures) {
                pending.removeIf(call -> call.attempts == 0 && cancelled.add(call));
            }
            plan = schedule();
        } finally {
            lock.unlock();
        }
        // NOTE: outside the lock, so a callback of a cancelled future may call submit() without a deadlock.
        for (ClusterCall call : cancelled) {
            call.future.cancel();
            call.future.setRunningOrNotifyCancel();
        }
        plan.run();
        if (wait) {
            awaitSettled();
        }
    }

    private void awaitSettled() {
        lock.lock();
        try {
            while (!pending.isEmpty() || !running.isEmpty() || completing > 0) {
                settled.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops everything at once (Ctrl-C, the job's time limit): shuts down, cancels what waits, and cancels what runs
     * on its member, where the task's thread is interrupted and a shell task's process tree killed. The futures of
     * tasks that were running fail with {@link CancelledException}.
     */
    public void stopRunning() {
        shutdown(false, true);
        List<ClusterCall> stopped = new ArrayList<>();
        List<java.util.concurrent.Future<Answer>> remotes = new ArrayList<>();
        Plan plan;
        lock.lock();
        try {
            for (ClusterBatch batch : new ArrayList<>(running)) {
                remotes.add(batch.remote);
                release(batch);
                stopped.addAll(batch.calls);
            }
            stopped.addAll(pending); // lost and waiting to go again: they started once, so they are not cancelled
            pending.clear();
            completing += stopped.size();
            plan = schedule();
        } finally {
            lock.unlock();
        }
        for (java.util.concurrent.Future<Answer> sent : remotes) {
            if (sent != null) {
                sent.cancel(true);
            }
        }
        for (ClusterCall call : stopped) {
            call.future.finish(null, new CancelledException("stopped"));
        }
        completed(stopped.size());
        plan.run();
    }

    @Override
    public String toString() {
        return "ClusterExecutor[" + connection.describe() + ", " + state.name().toLowerCase() + "]";
    }
}
