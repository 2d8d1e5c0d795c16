package io.jobrun.resume;

import io.jobrun.job.Job;
import io.jobrun.job.TaskSpec;
import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import io.jobrun.run.InstanceId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the run that {@code --resume} continues, and holds the job's resume lock while this run lives. */
public final class PreviousRun implements AutoCloseable {
    private final RecordedRun run;
    private final FileChannel lockFile;
    private final FileLock lock;

    private PreviousRun(RecordedRun run, FileChannel lockFile, FileLock lock) {
        this.run = run;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    public RecordedRun run() {
        return run;
    }

    /**
     * The run to resume: {@code id}, or the newest run of {@code job} when {@code id} is empty. Takes the job's
     * resume lock, which the operating system releases when this process ends however it ends, so that two live
     * runs never resume the same work; a run still alive cannot be resumed.
     *
     * @throws ResumeRefused when there is no such run, it is still running, or another run is resuming the job
     */
    public static PreviousRun find(JournalStore store, String job, String id) throws ResumeRefused, IOException {
        Path directory = store.jobDirectory(job);
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve("resume.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ResumeRefused("another run of " + job + " is resuming it now; wait for it to end");
        }
        try {
            return new PreviousRun(read(store, job, id), channel, lock);
        } catch (ResumeRefused | IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    private static RecordedRun read(JournalStore store, String job, String id) throws ResumeRefused, IOException {
        List<String> runs = store.runs(job);
        if (runs.isEmpty()) {
            throw new ResumeRefused("no run of " + job + " to resume in " + store.root()
                    + " (run it once without --resume)");
        }
        String chosen = id.isEmpty() ? runs.get(runs.size() - 1) : id;
        if (!runs.contains(chosen)) {
            throw new ResumeRefused("no run " + chosen + " of " + job + " in " + store.root() + " (bin/jobrun log "
                    + job + " lists them)");
        }
        Path journal = store.journal(job, chosen);
        RecordedRun run;
        try {
            run = RecordedRun.read(journal);
        } catch (RecordedRun.OlderFormat e) {
            throw new ResumeRefused("run " + chosen + " of " + job + " was written by "
                    + RecordedRun.OlderFormat.describe(e.version()) + " and cannot be resumed; run the job without"
                    + " --resume once, and later runs resume that one");
        }
        if (JournalStore.live(journal)) {
            throw new ResumeRefused("run " + chosen + " of " + job + " is still running (pid " + run.header("pid")
                    + "); resume it once it has ended");
        }
        return run;
    }

    /**
     * The {@code once} tasks that were running when the run stopped, unless {@code --rerun} or {@code --mark-ok}
     * settles them: a resume stops before them, as their effect is unknown.
     *
     * @return the message to stop with, or null to go ahead
     */
    public String onceBlocking(Job job, NameGlob rerun, Set<String> markOk) {
        List<String> blocked = new ArrayList<>();
        for (Map.Entry<String, String> unfinished : run.unfinished().entrySet()) {
            TaskSpec spec = taskOf(job, unfinished.getKey());
            String task = spec == null ? null : spec.name();
            if (spec != null && spec.caching().once() && !markOk.contains(task)
                    && !rerun.matches(task, unfinished.getValue()) && !blocked.contains(task)) {
                blocked.add(task);
            }
        }
        if (blocked.isEmpty()) {
            return null;
        }
        String task = blocked.get(0);
        return "task '" + task + "' was running when run " + run.id() + " stopped and is marked once: its effect is "
                + "unknown; pass --rerun " + task + " to run it again or --mark-ok " + task + " to treat it as done"
                + (blocked.size() > 1 ? " (also: " + String.join(", ", blocked.subList(1, blocked.size())) + ")" : "");
    }

    /**
     * The task of the instance whose id reads {@code id}, or null: a task of that whole name that does not fan out
     * (whose id is its name, '#' and all), else the task its text names before its last '#' (an item's id).
     */
    private static TaskSpec taskOf(Job job, String id) {
        TaskSpec whole = job.task(id);
        return whole != null && !whole.fansOut() ? whole : job.task(InstanceId.specOf(id));
    }

    /** Releases the resume lock. */
    @Override
    public void close() throws IOException {
        lock.release();
        lockFile.close();
    }
}
