package io.jobrun.cluster;

import io.jobrun.futures.Future;
import io.jobrun.futures.process.RemoteOutcomes;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Turns a member's answer into the outcome of a task's future, after checking that the answer is signed. Futures
 * are completed on {@link #POOL}, never on Hazelcast's own threads: done-callbacks are user code and may block.
 */
final class Answers {
    /** Where answers are read and futures completed (their callbacks run there too). */
    static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jobrun-cluster-answers");
        thread.setDaemon(true);
        return thread;
    });

    private Answers() {
    }

    static void complete(Future<Object> future, String member, Submission submission, Answer answer, Throwable error,
                         ClusterSecret secret) {
        complete(List.of(future), member, submission, answer, error, secret);
    }

    /**
     * Completes {@code futures}, those of the submission's tasks in its order, from the member's answer to it; each of
     * them, even when a done-callback of one throws (an OutOfMemoryError), which is thrown after the last.
     */
    static void complete(List<Future<Object>> futures, String member, Submission submission, Answer answer,
                         Throwable error, ClusterSecret secret) {
        Supplier<Throwable> failure = failure(member, submission, answer, error, secret);
        Throwable thrown = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                if (failure != null) {
                    futures.get(i).finish(null, failure.get());
                } else {
                    complete(futures.get(i), member, answer, i);
                }
            } catch (Throwable callbackFailed) {
                if (thrown == null) {
                    thrown = callbackFailed;
                } else {
                    thrown.addSuppressed(callbackFailed);
                }
            }
        }
        if (thrown instanceof Error fatal) {
            throw fatal;
        } else if (thrown != null) {
            throw (RuntimeException) thrown;
        }
    }

    /** Why none of the submission's tasks has an outcome in the answer, each task's own exception; null if they do. */
    private static Supplier<Throwable> failure(String member, Submission submission, Answer answer, Throwable error,
                                               ClusterSecret secret) {
        if (error != null) {
            Throwable cause = unwrap(error);
            return () -> cause;
        }
        if (answer.refused()) {
            String why = "member " + member + " refused the task: " + answer.refusal();
            return () -> new ClusterException(why);
        }
        if (!answer.answers(submission, secret)) {
            return () -> new ClusterException("the answer from member " + member + " is not signed with this "
                    + "cluster's secret; it was dropped");
        }
        return null;
    }

    private static void complete(Future<Object> future, String member, Answer answer, int task) {
        try {
            if (answer.kind(task) == Answer.Kind.VALUE) {
                future.finish(RemoteOutcomes.readValue(answer.body(task)), null);
            } else {
                future.finish(null, RemoteOutcomes.readError(answer.body(task)));
            }
        } catch (Exception | LinkageError unreadable) {
            future.finish(null, new ClusterException("cannot read the answer from member " + member + ": "
                    + unreadable, unreadable));
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
