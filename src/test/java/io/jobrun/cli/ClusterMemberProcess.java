package io.jobrun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/jobrun member} in a process of its own on 127.0.0.1, a port the system picks: its wrapper script (which
 * kills what is left of the member's process group when the member ends), the member's JVM, and its address.
 */
final class ClusterMemberProcess {
    private static final Pattern READY = Pattern.compile("jobrun member (\\S+) ready: \\d+ slots, pid (\\d+)");

    private final ForkedJobrun wrapper;
    private String address;
    private long jvmPid;

    private ClusterMemberProcess(ForkedJobrun wrapper) {
        this.wrapper = wrapper;
    }

    /** Starts a member with {@code slots} that joins the members at {@code join} (none for the first). */
    static ClusterMemberProcess start(Path dir, Map<String, String> env, int slots, List<String> join)
            throws IOException {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("member", "--bind", "127.0.0.1:0", "--slots",
                String.valueOf(slots)));
        if (!join.isEmpty()) {
            args.add("--join");
            args.add(String.join(",", join));
        }
        return new ClusterMemberProcess(ForkedJobrun.start(dir, env, args.toArray(String[]::new)));
    }

    /** Waits until the member says it is ready; the caller's test timeout guards against a hang. */
    ClusterMemberProcess awaitReady() throws InterruptedException {
        while (address == null) {
            Matcher ready = READY.matcher(wrapper.stdout());
            if (ready.find()) {
                address = ready.group(1);
                jvmPid = Long.parseLong(ready.group(2));
            } else {
                if (!wrapper.process().isAlive()) {
                    throw new AssertionError("the member ended before it was ready: " + wrapper.stderr());
                }
                Thread.sleep(50); // polling a file another process writes
            }
        }
        return this;
    }

    /** Waits until this member has seen a cluster of {@code size} members. */
    void awaitClusterOf(int size) throws InterruptedException {
        String ready = "a cluster of " + size + " members";
        String joined = "the cluster has " + size + " members";
        while (!wrapper.stdout().contains(ready) && !wrapper.stderr().contains(joined)) {
            if (!wrapper.process().isAlive()) {
                throw new AssertionError("the member ended: " + wrapper.stderr());
            }
            Thread.sleep(50);
        }
    }

    String address() {
        return address;
    }

    long jvmPid() {
        return jvmPid;
    }

    ForkedJobrun wrapper() {
        return wrapper;
    }

    /** The wrapper, the member's JVM and everything they started, as they are now. */
    List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(wrapper.process().toHandle());
        wrapper.process().descendants().forEach(tree::add);
        return tree;
    }
}
