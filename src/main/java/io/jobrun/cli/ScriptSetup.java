package io.jobrun.cli;

import io.jobrun.job.Job;
import io.jobrun.task.script.ScriptEngine;
import io.jobrun.task.script.ScriptWarmup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gets a job's script tasks ready before it runs: fetches the script languages the first time a job needs them (a
 * build of bin/jobrun leaves them out: 180 MB a job without scripts never opens), then starts the engine while the
 * job is checked ({@link ScriptWarmup}).
 */
final class ScriptSetup {
    private ScriptSetup() {
    }

    static void prepare(Job job, PrintStream err) {
        if (!ScriptWarmup.hasScripts(job)) {
            return;
        }
        if (!ScriptEngine.languagesInstalled()) {
            install(err);
        }
        ScriptWarmup.startFor(job);
    }

    /**
     * Runs {@code bin/jobrun --install-scripts}, whose progress goes to this terminal; without a jobrun home (jobrun
     * embedded, or started without bin/jobrun) the first script task reports what to run instead.
     */
    private static void install(PrintStream err) {
        String home = System.getProperty("jobrun.home");
        if (home == null || !Files.isExecutable(Path.of(home, "bin", "jobrun"))) {
            return;
        }
        err.println("jobrun: this job has script tasks, and the script languages are not installed yet");
        err.flush();
        try {
            Process install = new ProcessBuilder(Path.of(home, "bin", "jobrun").toString(), "--install-scripts")
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            install.waitFor();
        } catch (IOException e) {
            err.println("jobrun: could not run bin/jobrun --install-scripts: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
