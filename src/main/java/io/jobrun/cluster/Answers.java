package io.jobrun.cluster;

import io.jobrun.futures.Future;
import io.jobrun.futures.process.RemoteOutcomes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
        if (error != null) {
            future.finish(null, unwrap(error));
            return;
        }
        if (answer.kind == Answer.Kind.REFUSED) {
            future.finish(null, new ClusterException("member " + member + " refused the task: " + answer.refusal()));
            return;
        }
        if (!answer.answers(submission, secret)) {
            future.finish(null, new ClusterException("the answer from member " + member + " is not signed with this "
                    + "cluster's secret; it was dropped"));
            return;
        }
        try {
            if (answer.kind == Answer.Kind.VALUE) {
                future.finish(RemoteOutcomes.readValue(answer.body), null);
            } else {
                future.finish(null, RemoteOutcomes.readError(answer.body));
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
