package io.jobrun.cli;

import io.jobrun.futures.process.AdoptedProcesses;
import io.jobrun.futures.process.Subreaper;
import io.jobrun.run.RunIdentity;
import io.jobrun.run.Ticker;

/** The {@code bin/jobrun} command; the only code that touches System.out, System.err and the exit code. */
public final class Main {
    private Main() {
    }

    /** slf4j's binding on jobrun's class path, the only one there. */
    static final String LOGGING_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

    public static void main(String[] args) {
        // NOTE: named, slf4j loads its provider at once; left to find it, it opens every jar of the class path to
        // look for one (Hazelcast's alone has 12,000 entries: 30-40 ms, in a YAML run on the main thread). It then
        // says so on stderr unless its own messages are limited to warnings.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", LOGGING_PROVIDER);
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        // NOTE: first, so that what reading the job file needs gets ready while the rest of the command line starts
        Fronts.STANDARD.prepare(args);
        RunIdentity.prepareInBackground();
        // the orphans of the tasks' trees come here, not to init, so that killing a task's tree reaches even what
        // cleared its environment and left its session
        Subreaper.beforeFirstProcess();
        // NOTE: a YAML job is read in tens of milliseconds, too soon for its first shell task to find the set-up of
        // the first process start (the subreaper's, about 100 ms) done if it began only then (as a Groovy run's does,
        // once its file is read). A loop, as a stream and its lambda here cost 2 ms.
        for (String arg : args) {
            if (arg.endsWith(".yaml") || arg.endsWith(".yml")) {
                AdoptedProcesses.prepareInBackground();
                break;
            }
        }
        Cli cli = new Cli(System.out, System.err, Terminal.detect(), Ticker.SYSTEM, System.getenv());
        new StopOnSignal(cli::stop, System.err).install();
        // NOTE: a task that calls System.exit starts the JVM's exit under the run: stop it, let it report, then end
        // the JVM with the run's exit code rather than the task's status.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int code = cli.exitDuringRun(StopOnSignal.BOUND);
            if (code >= 0) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(code);
            }
        }, "jobrun-exit-report"));
        int code = cli.run(args);
        System.out.flush();
        System.exit(code);
    }
}
