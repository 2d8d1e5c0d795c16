package io.jobrun.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.futures.WaitInterruptedException;
import io.jobrun.futures.process.FilteredSerialization;
import io.jobrun.futures.process.RemoteOutcomes;
import io.jobrun.futures.process.TaskSerializationException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jobrun's side of a member: checks each submission, loads the run's code once, and runs the task on this member's
 * own pool of {@code slots} threads, where a time limit interrupts the thread (a shell task's process tree is killed)
 * exactly as on the runner's own pools.
 *
 * <p>A submission is refused, without its payload ever being read, when its HMAC does not check with this member's
 * secret, when it is older than {@link ReplayGuard#MAX_AGE}, or when this member already ran it.
 */
final class MemberRuntime {
    static final String USER_CONTEXT_KEY = "jobrun.member";
    static final String CODE_MAP = "jobrun-code";
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.cluster");
    /** How long a cancelled task gets to stop (its shell tree killed) before the answer goes back. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ClusterSecret secret;
    private final ThreadPoolExecutor pool;
    private final ReplayGuard replays = new ReplayGuard();
    /** The runs' code this member has loaded or is loading, by key. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> code = new ConcurrentHashMap<>();
    /** Set once the member is up. */
    private volatile HazelcastInstance instance;

    MemberRuntime(ClusterSecret secret, int slots) {
        this.secret = secret;
        this.pool = new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(slots)
                .threadNamePrefix("jobrun-member"));
    }

    static MemberRuntime of(HazelcastInstance instance) {
        return instance == null ? null : (MemberRuntime) instance.getUserContext().get(USER_CONTEXT_KEY);
    }

    void attach(HazelcastInstance instance) {
        this.instance = instance;
    }

    Answer run(Submission submission) {
        Optional<String> refusal = admit(submission);
        if (refusal.isPresent()) {
            LOG.warn("refused a submission: {}", refusal.get());
            return Answer.refused(submission, refusal.get());
        }
        Task<?> task;
        try {
            loadCode(submission.codeKey);
            task = (Task<?>) FilteredSerialization.deserialize(submission.payload, null);
        } catch (Throwable unreadable) {
            return error(submission, unreadable);
        }
        Duration limit = submission.timeLimitNanos < 0 ? null : Duration.ofNanos(submission.timeLimitNanos);
        AtomicReference<Thread> runner = new AtomicReference<>();
        Future<Object> future = pool.submit(() -> {
            runner.set(Thread.currentThread());
            try {
                return task.call();
            } finally {
                runner.set(null);
            }
        }, limit);
        try {
            future.awaitDone(null);
        } catch (WaitInterruptedException cancelled) {
            return stop(submission, future, runner);
        }
        Throwable error = future.exception();
        return error == null ? value(submission, future.resultNow()) : error(submission, error);
    }

    private Optional<String> admit(Submission submission) {
        if (!submission.signedWith(secret)) {
            return Optional.of("it is not signed with this cluster's secret (is " + ClusterSecret.ENV_SECRET
                    + " the same on the runner and on every member?)");
        }
        return replays.admit(submission, System.currentTimeMillis());
    }

    /**
     * The runner cancelled the task (Ctrl-C, the job stopped): Hazelcast interrupted this thread; pass the interrupt
     * on to the task, which stops (a shell task kills its process tree), and wait for it a little.
     */
    private Answer stop(Submission submission, Future<Object> future, AtomicReference<Thread> runner) {
        Thread.interrupted(); // NOTE: clear ours, or the wait below ends at once
        if (!future.cancel()) {
            Thread thread = runner.get();
            if (thread != null) {
                thread.interrupt();
            }
            future.awaitDone(STOP_GRACE);
        }
        return error(submission, new CancelledException("stopped by the runner"));
    }

    /** Defines the run's classes on this member the first time one of its tasks arrives; later tasks wait for it. */
    private void loadCode(String key) throws Exception {
        if (key.isEmpty()) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> loading = code.putIfAbsent(key, mine);
        if (loading == null) {
            try {
                byte[] bytes = (byte[]) instance.getMap(CODE_MAP).get(key);
                if (bytes == null) {
                    throw new IllegalStateException("the run's code (" + key.substring(0, 12) + "...) is not in the "
                            + "cluster's code map; was it lost with a member?");
                }
                if (!CodeKeys.of(bytes).equals(key)) {
                    throw new IllegalStateException("the run's code in the cluster's code map does not match its key "
                            + key.substring(0, 12) + "...: refused");
                }
                ((Initializer) FilteredSerialization.deserialize(bytes, null)).initialize();
                mine.complete(null);
            } catch (Throwable failed) {
                code.remove(key, mine); // a later task may try again
                mine.completeExceptionally(failed);
            }
            loading = mine;
        }
        try {
            loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Answer value(Submission submission, Object value) {
        try {
            return Answer.signed(secret, submission, Answer.Kind.VALUE,
                    RemoteOutcomes.value(value, "the result of the task"));
        } catch (TaskSerializationException notSendable) {
            return error(submission, notSendable);
        }
    }

    private Answer error(Submission submission, Throwable error) {
        return Answer.signed(secret, submission, Answer.Kind.ERROR, RemoteOutcomes.error(error));
    }

    /** Stops what runs here: interrupts the tasks' threads, which kills their shell trees. */
    void close() {
        pool.shutdown(false, true);
    }
}
