package io.jobrun.task;

import io.jobrun.futures.process.Subreaper;
import io.jobrun.job.TaskBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A JVM of its own for {@link ShellRunnerTests}, as becoming a subreaper cannot be undone: it asks to become one
 * before its first process, as jobrun's runner does, and runs a shell task as that first process, with nothing
 * prepared beforehand. The task's command orphans a sleeper that left its session; the probe prints whether this JVM
 * adopted it, which it does only if it was a subreaper before the command ran. Argument: a folder to write in.
 */
public final class FirstShellTaskProbe {
    private FirstShellTaskProbe() {
    }

    public static void main(String[] args) throws Exception {
        Subreaper.beforeFirstProcess();
        Path pidFile = Path.of(args[0], "orphan.pid");
        ShellRunner.run(new TaskBody.Shell("(setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$PID_FILE\")",
                Map.of("PID_FILE", pidFile.toString()), null));
        long orphan = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle sleeper = ProcessHandle.of(orphan).orElseThrow();
        System.out.println("adopted the orphan of its first shell task: "
                + sleeper.parent().map(parent -> parent.pid() == ProcessHandle.current().pid()).orElse(false));
        sleeper.destroyForcibly();
    }
}
