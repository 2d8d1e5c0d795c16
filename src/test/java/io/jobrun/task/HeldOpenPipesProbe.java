package io.jobrun.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A program for {@link OutputCaptureTests}: it captures the output of processes whose stdout stays open and empty,
 * then starts as many virtual threads and exits 0 if they all ran, 1 if they were starved.
 *
 * <p>Its JVM is started with the virtual-thread scheduler's pool capped at its parallelism, the state a pool reaches
 * once the carriers it added for blocked threads retire (after 30 s idle): a reader holding a carrier then holds it
 * for good. Capping it shows that at once instead of after the wait.
 *
 * <p>Argument: how many readers.
 */
public final class HeldOpenPipesProbe {
    private HeldOpenPipesProbe() {
    }

    public static void main(String[] args) throws Exception {
        int readers = Integer.parseInt(args[0]);
        List<Process> holders = new ArrayList<>();
        try {
            for (int i = 0; i < readers; i++) {
                Process holder = new ProcessBuilder("sleep", "300").start();
                holders.add(holder);
                new OutputCapture(holder.getInputStream(), 1024, List.of(), "held-open-" + i);
            }
            CountDownLatch ran = new CountDownLatch(readers);
            for (int i = 0; i < readers; i++) {
                Thread.ofVirtual().start(ran::countDown);
            }
            boolean allRan = ran.await(30, TimeUnit.SECONDS);
            System.out.println(allRan ? "every virtual thread ran" : ran.getCount() + " virtual threads starved");
            System.out.println("holders:" + holders.stream().map(h -> " " + h.pid()).reduce("", String::concat));
            System.out.flush();
            // NOTE: halt skips the finally below, and the sleeps would outlive the probe, adopted by init
            holders.forEach(Process::destroyForcibly);
            Runtime.getRuntime().halt(allRan ? 0 : 1); // NOTE: a starved JVM may not get through an orderly exit
        } finally {
            holders.forEach(Process::destroyForcibly);
        }
    }
}
