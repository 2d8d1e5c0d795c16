package io.jobrun.cluster;

import static io.jobrun.cluster.ClusterExecutorTests.GUARD;
import static io.jobrun.cluster.ClusterExecutorTests.assertProcessesGone;
import static io.jobrun.cluster.ClusterExecutorTests.awaitProcess;
import static io.jobrun.cluster.ClusterExecutorTests.processesWith;
import static io.jobrun.cluster.ClusterExecutorTests.uniqueSleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.Future;
import io.jobrun.futures.process.ProcessPoolExecutor;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A member inside a JVM that runs other things (the embedded default, the tests) stops only what runs on it when it
 * closes: its tasks' shell trees and its own worker JVMs, not the worker JVMs of the JVM's other executors.
 */
class MemberCloseTests {
    @Test
    void closingAMemberInsideThisJvmKillsItsTasksProcessesAndNoOtherExecutorsWorkerJvm() throws Exception {
        ProcessPoolExecutor other = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1));
        try {
            long otherWorker = other.submit(() -> ProcessHandle.current().pid()).result(GUARD);
            ClusterSecret secret = ClusterSecret.random();
            ClusterMember member = ClusterMember.start(MemberOptions.loopback(2, "close-" + UUID.randomUUID()),
                    secret);
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret, ClusterExecutor.Options.of(2));
            String onThreads = uniqueSleep();
            String inProcesses = uniqueSleep();
            executor.submit(new ClusterExecutorTests.Shell("sleep " + onThreads + "; true"));
            executor.submit(new ClusterExecutorTests.Shell("sleep " + inProcesses + "; true"), null, OnLoss.RESUBMIT,
                    MemberPool.PROCESSES, Dispatches.NONE);
            awaitProcess(onThreads);
            ProcessHandle memberWorker = awaitTaskShell(inProcesses).parent().orElseThrow();
            assertNotEquals(otherWorker, memberWorker.pid(), "the member's worker JVM is its own");

            member.close();

            assertProcessesGone(onThreads);
            assertProcessesGone(inProcesses);
            memberWorker.onExit().get(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(ProcessHandle.of(otherWorker).map(ProcessHandle::isAlive).orElse(false),
                    "another executor's worker JVM outlived the member");
            assertEquals(otherWorker, other.submit(() -> ProcessHandle.current().pid()).result(GUARD),
                    "and still runs that executor's tasks");
            executor.shutdown();
        } finally {
            other.shutdown();
        }
    }

    /**
     * The shell of the shell task whose command bears {@code marker}, once it runs that command. NOTE: the stages
     * before it (setsid, the shell awaiting its go-ahead) bear the marker too, with another parent or command; the
     * {@code sleep} the task's shell starts is the sign that the shell is the task's own.
     */
    private static ProcessHandle awaitTaskShell(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (true) {
            Optional<ProcessHandle> shell = processesWith(marker).stream()
                    .filter(p -> p.info().command().orElse("").endsWith("/sleep")).findFirst()
                    .flatMap(ProcessHandle::parent);
            if (shell.isPresent()) {
                return shell.get();
            }
            assertTrue(System.nanoTime() < deadline, "the shell task never started its sleep");
            Thread.sleep(10);
        }
    }
}
