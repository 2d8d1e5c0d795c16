package io.jobrun.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.IExecutorService;
import io.jobrun.futures.Task;
import io.jobrun.futures.process.FilteredSerialization;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a stranger who reaches a member can and cannot make it do. Submissions go straight to the member's Hazelcast
 * executor, as anyone on the network could send them; a task that ran leaves its mark in {@link #RAN}.
 */
class MemberSecurityTests {
    private static final ClusterSecret SECRET = ClusterSecret.of("the-members-secret-0123456789");
    /** Marks left by tasks that ran, by the id each test gives its task. */
    static final Set<String> RAN = ConcurrentHashMap.newKeySet();
    private static ClusterMember member;
    private static IExecutorService executor;

    @BeforeAll
    static void startMember() {
        member = ClusterMember.start(MemberOptions.loopback(4, "security-" + UUID.randomUUID()), SECRET);
        executor = member.instance().getExecutorService(ClusterConfigs.EXECUTOR);
    }

    @AfterAll
    static void stopMember() {
        member.close();
    }

    /** A task that marks that it ran. */
    record Mark(String id) implements Task<Object> {
        @Override
        public Object call() {
            RAN.add(id);
            return "ran " + id;
        }
    }

    private static Submission submission(ClusterSecret secret, long counter, long issuedAt, String id) {
        return Submission.signed(secret, SESSION, counter, issuedAt, "", -1, MemberPool.THREADS,
                FilteredSerialization.serialize(new Mark(id), "the task"));
    }

    private static final SessionId SESSION = SessionId.random();

    private static Answer send(Callable<Answer> callable) throws Exception {
        return executor.submitToMember(callable, member.instance().getCluster().getLocalMember())
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void submissionSignedWithTheSecretRuns() throws Exception {
        String id = UUID.randomUUID().toString();
        Answer answer = send(submission(SECRET, 1, System.currentTimeMillis(), id));
        assertEquals(Answer.Kind.VALUE, answer.kind(0));
        assertTrue(RAN.contains(id));
    }

    @Test
    void submissionSignedWithAnotherSecretIsRefusedUnread() throws Exception {
        String id = UUID.randomUUID().toString();
        Answer answer = send(submission(ClusterSecret.of("somebody-elses-secret-0123456789"), 2,
                System.currentTimeMillis(), id));
        assertEquals(Answer.Kind.REFUSED, answer.kind(0));
        assertTrue(answer.refusal().startsWith("it is not signed with this cluster's secret"), answer.refusal());
        assertFalse(RAN.contains(id));
    }

    @Test
    void submissionWhoseTaskWasSwappedAfterSigningIsRefused() throws Exception {
        String id = UUID.randomUUID().toString();
        Submission submission = submission(SECRET, 3, System.currentTimeMillis(), "innocent");
        submission.payloads[0] = FilteredSerialization.serialize(new Mark(id), "the task");
        assertEquals(Answer.Kind.REFUSED, send(submission).kind(0));
        assertFalse(RAN.contains(id));
    }

    @Test
    void unsignedSubmissionIsRefused() throws Exception {
        String id = UUID.randomUUID().toString();
        Submission submission = submission(SECRET, 4, System.currentTimeMillis(), id);
        submission.signature = null;
        assertEquals(Answer.Kind.REFUSED, send(submission).kind(0));
        assertFalse(RAN.contains(id));
    }

    @Test
    void replayedSubmissionIsRefusedTheSecondTime() throws Exception {
        String id = UUID.randomUUID().toString();
        Submission submission = submission(SECRET, 5, System.currentTimeMillis(), id);
        assertEquals(Answer.Kind.VALUE, send(submission).kind(0));
        RAN.remove(id);
        Answer replay = send(submission);
        assertEquals(Answer.Kind.REFUSED, replay.kind(0));
        assertEquals("this member already ran it (a replay)", replay.refusal());
        assertFalse(RAN.contains(id));
    }

    @Test
    void submissionIssuedLongAgoIsRefused() throws Exception {
        String id = UUID.randomUUID().toString();
        long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        Answer answer = send(submission(SECRET, 6, hourAgo, id));
        assertEquals(Answer.Kind.REFUSED, answer.kind(0));
        assertTrue(answer.refusal().contains("more than 5 minutes"), answer.refusal());
        assertFalse(RAN.contains(id));
    }

    /** Would leave its mark if the member loaded it as the run's code. */
    record MarkingSetup(String id) implements io.jobrun.futures.Initializer {
        @Override
        public void initialize() {
            RAN.add(id);
        }
    }

    @Test
    void codeWhoseBytesDoNotMatchTheirKeyIsNotLoaded() throws Exception {
        String id = UUID.randomUUID().toString();
        String key = CodeKeys.of(FilteredSerialization.serialize(new MarkingSetup("genuine"), "the code"));
        member.instance().getMap(MemberRuntime.CODE_MAP).set(key,
                FilteredSerialization.serialize(new MarkingSetup(id), "the code"));
        Submission submission = Submission.signed(SECRET, SESSION, 8, System.currentTimeMillis(), key, -1,
                MemberPool.THREADS, FilteredSerialization.serialize(new Mark(id + "-task"), "the task"));
        Answer answer = send(submission);
        assertEquals(Answer.Kind.ERROR, answer.kind(0));
        Throwable error = io.jobrun.futures.process.RemoteOutcomes.readError(answer.body(0));
        assertEquals("the run's code in the cluster's code map does not match its key " + key.substring(0, 12)
                + "...: refused", error.getMessage());
        assertFalse(RAN.contains(id));
        assertFalse(RAN.contains(id + "-task"));
    }

    /** A callable of a class on the member's class path, sent with Java serialization: Hazelcast must not read it. */
    record ForeignCallable(String id) implements Callable<Answer>, Serializable {
        @Override
        public Answer call() {
            RAN.add(id);
            return null;
        }
    }

    @Test
    void javaSerializedCallableIsNotDeserializedByTheMember() {
        String id = UUID.randomUUID().toString();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> send(new ForeignCallable(id)));
        assertTrue(String.valueOf(failed.getCause()).contains(ForeignCallable.class.getName()), failed.toString());
        assertFalse(RAN.contains(id));
    }

    /** A callable that is not Serializable: Hazelcast's zero-configuration Compact format would rebuild it. */
    static final class ZeroConfigCallable implements Callable<Answer> {
        private String id;

        ZeroConfigCallable(String id) {
            this.id = id;
        }

        @Override
        public Answer call() {
            RAN.add(id);
            return null;
        }
    }

    @Test
    void zeroConfigCompactCallableIsRefused() {
        String id = UUID.randomUUID().toString();
        Exception failed = assertThrows(Exception.class, () -> send(new ZeroConfigCallable(id)));
        assertFalse(RAN.contains(id), "refused with " + failed);
    }

    @Test
    void answerSignedWithAnotherSecretIsDroppedByTheRunner() {
        Submission submission = submission(SECRET, 7, System.currentTimeMillis(), "x");
        Answer forged = Answer.signed(ClusterSecret.of("a-forgers-own-secret-0123456789"), submission,
                Answer.Kind.VALUE, io.jobrun.futures.process.RemoteOutcomes.value("forged", "v"));
        io.jobrun.futures.Future<Object> future = new io.jobrun.futures.Future<>();
        future.setRunningOrNotifyCancel();
        Answers.complete(future, "127.0.0.1:1", submission, forged, null, SECRET);
        ClusterException error = assertInstanceOf(ClusterException.class, future.exception());
        assertEquals("the answer from member 127.0.0.1:1 is not signed with this cluster's secret; it was dropped",
                error.getMessage());
    }

    @Test
    void shortSecretIsRefusedWithHowToMakeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of("short"));
        assertEquals("the cluster secret is 5 characters long; it needs at least 16 (make one with: head -c 32 "
                + "/dev/urandom | base64)", e.getMessage());
    }

    @Test
    void secretComesFromTheEnvironmentOrItsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("secret");
        java.nio.file.Files.writeString(file, "the-members-secret-0123456789\n");
        ClusterSecret fromFile = ClusterSecret.fromEnvironment(Map.of(ClusterSecret.ENV_SECRET_FILE, file.toString()));
        byte[] payload = {1, 2, 3};
        assertTrue(SECRET.verify(fromFile.sign(payload), payload));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ClusterSecret.fromEnvironment(Map.of()));
        assertTrue(none.getMessage().startsWith("a cluster needs its shared secret: set JOBRUN_CLUSTER_SECRET or "
                + "JOBRUN_CLUSTER_SECRET_FILE"), none.getMessage());
    }
}
