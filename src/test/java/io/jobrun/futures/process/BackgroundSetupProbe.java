package io.jobrun.futures.process;

/**
 * A JVM of its own for {@link SubreaperTests}: it asks to become a subreaper before its first process, has the set-up
 * of that first process done in the background, waits for it, and prints whether it is a subreaper and how many
 * processes it started on the way.
 */
public final class BackgroundSetupProbe {
    private BackgroundSetupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Subreaper.beforeFirstProcess();
        AdoptedProcesses.prepareInBackground();
        AdoptedProcesses.prepareInBackground(); // once per JVM: a second call starts nothing more
        long setups = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("jobrun-process-setup")) {
                setups++;
                thread.join();
            }
        }
        System.out.println("set-up threads: " + setups);
        System.out.println("a subreaper: " + Subreaper.active());
        System.out.println("processes started: " + ProcessHandle.current().children().count());
    }
}
