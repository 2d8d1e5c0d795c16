package io.jobrun.cli;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.futures.ExitHook;
import io.jobrun.futures.process.AdoptedProcesses;
import io.jobrun.job.EnvFile;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.Job;
import io.jobrun.job.JobEnvironment;
import io.jobrun.job.JobFront;
import io.jobrun.job.JobSource;
import io.jobrun.job.JobText;
import io.jobrun.job.JobValidator;
import io.jobrun.job.Kinds;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.OutputMode;
import io.jobrun.job.Problem;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import io.jobrun.resume.Explainer;
import io.jobrun.resume.Keys;
import io.jobrun.resume.NameGlob;
import io.jobrun.resume.Orphans;
import io.jobrun.resume.PreviousRun;
import io.jobrun.resume.ResumeRefused;
import io.jobrun.resume.Resumer;
import io.jobrun.job.TaskSelection;
import io.jobrun.report.PlanPrinter;
import io.jobrun.report.ReportSettings;
import io.jobrun.report.ReportStyle;
import io.jobrun.report.TaggedOutput;
import io.jobrun.report.TaskList;
import io.jobrun.report.Reports;
import io.jobrun.report.SecretMask;
import io.jobrun.report.Secrets;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunIdentity;
import io.jobrun.run.RunListener;
import io.jobrun.run.RunResult;
import io.jobrun.run.StopCause;
import io.jobrun.run.Ticker;
import io.jobrun.task.ShellRunner;
import io.jobrun.task.TaskRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One invocation of {@code bin/jobrun}: load -> validate -> run -> report -> exit code. */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    /** The executor and task kinds of this build, before the command line configures them. */
    static final Kinds STANDARD_KINDS = new Kinds(ExecutorRegistry.STANDARD, TaskRegistry.STANDARD);

    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private final Ticker ticker;
    /** The run in progress, for a stop signal or a JVM exit; null before and after. */
    private volatile RunInProgress running;
    /** The member this process runs with {@code bin/jobrun member}, for a stop signal; null otherwise. */
    private volatile MemberCommand member;
    /** Why this invocation was asked to stop (Ctrl-C, SIGTERM, SIGHUP), or null. */
    private volatile StopCause stopped;
    private final Map<String, String> environment;
    /** The executor kinds of this invocation, configured by its environment and run settings. */
    private ExecutorKinds kinds = ExecutorRegistry.STANDARD;
    /** The report files of this invocation, given to every run; empty until the arguments are read. */
    private List<RunListener> reportFiles = List.of();
    /** The variables of the command line's {@code --env-file} files; read before the first job file. */
    private JobEnvironment commandLineEnvironment = JobEnvironment.NONE;
    /** How journals are written through to their files: as they are, but in tests that fail or watch the writes. */
    private java.util.function.UnaryOperator<io.jobrun.journal.JournalSink> journalSinks =
            java.util.function.UnaryOperator.identity();

    Cli(PrintStream out, PrintStream err, Terminal terminal, Ticker ticker, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.ticker = ticker;
        this.environment = environment;
    }

    int run(String[] args) {
        if (args.length > 0 && args[0].equals("member")) {
            MemberCommand command = new MemberCommand(out, err);
            member = command;
            if (stopped != null) {
                return OK;
            }
            return command.run(List.of(args).subList(1, args.length), environment);
        }
        if (args.length > 0 && (args[0].equals("log") || args[0].equals("clean"))) {
            LogCommand command = new LogCommand(out, err);
            List<String> rest = List.of(args).subList(1, args.length);
            return args[0].equals("log") ? command.log(rest) : command.clean(rest);
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, ExecutorRegistry.STANDARD.runSettings());
            kinds = ExecutorRegistry.STANDARD.configured(withSettings(arguments));
            reportFiles = RequestedReports.create(arguments, environment, reportSettings(arguments,
                    arguments.output()));
        } catch (Arguments.UsageException | IllegalArgumentException e) {
            err.println("jobrun: " + e.getMessage());
            err.println(Help.USAGE);
            err.println("Run 'bin/jobrun --help' for more.");
            return INVALID;
        }
        if (arguments.help()) {
            out.print(Help.text(STANDARD_KINDS));
            return OK;
        }
        if (arguments.version()) {
            out.println("jobrun " + Help.version());
            return OK;
        }
        return execute(arguments);
    }

    /** The environment the executor kinds see: this process's, with the run settings of the command line over it. */
    private Map<String, String> withSettings(Arguments arguments) {
        Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.putAll(arguments.settings());
        return merged;
    }

    /**
     * Each file in turn; the exit code is the worst one (2 over 1 over 0), and a stop signal ends the rest with its
     * own code (130, 143, 129).
     */
    private int execute(Arguments arguments) {
        if (!readEnvFiles(arguments.envFiles())) {
            return INVALID;
        }
        // NOTE: what a run needs whatever its file says (a cluster's client) gets ready while the file compiles
        Runnable release = arguments.check() || arguments.dryRun() ? () -> {
        } : kinds.prepareRun();
        try {
            int worst = OK;
            for (String file : arguments.files()) {
                worst = Math.max(worst, execute(file, arguments));
                StopCause cause = stopped;
                if (cause != null) {
                    return cause.exitCode();
                }
            }
            return worst;
        } finally {
            release.run();
        }
    }

    /**
     * Reads each {@code --env-file}, later ones over earlier ones; false after printing why one cannot be used (the
     * run then exits 2 before anything runs).
     */
    private boolean readEnvFiles(List<String> files) {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (String file : files) {
            try {
                variables.putAll(EnvFile.read(Path.of(file), file));
            } catch (EnvFile.UnreadableException e) {
                Problem first = e.problems().get(0);
                if (first.position().line() == 0) {
                    err.println("jobrun: --env-file " + file + ": " + first.message() + "; nothing ran");
                } else {
                    e.problems().forEach(err::println);
                    err.println("jobrun: " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                            + " in --env-file " + file + "; nothing ran");
                }
                return false;
            }
        }
        commandLineEnvironment = JobEnvironment.ofCommandLine(variables);
        return true;
    }

    private int execute(String file, Arguments arguments) {
        Read read = load(file, arguments);
        if (read == null) {
            return INVALID;
        }
        LoadedJob loaded = read.loaded();
        if (loaded.job() != null && !arguments.check() && !arguments.dryRun() && !arguments.list()) {
            ScriptSetup.prepare(loaded.job(), err); // script languages fetched once; the engine starts meanwhile
            if (startsProcesses(loaded.job(), kinds)) {
                AdoptedProcesses.prepareInBackground(); // NOTE: it costs about 100 ms of CPU; not without a process
            }
            if (runsShellTasksHere(loaded.job(), kinds)) {
                ShellRunner.prepareInBackground();
            }
        }
        JobEnvironment.Loaded environment = loaded.job() == null ? null
                : commandLineEnvironment.forJob(loaded.job());
        List<Problem> problems = validate(loaded, environment);
        // NOTE: what is printed about the job instead of a run (its problems, list, plan, explanation) is masked as a
        // run's output is: a description or a problem may quote a secret value
        Secrets secrets = environment == null ? Secrets.NONE
                : Secrets.ofRun(loaded.job(), environment.environment());
        if (!problems.isEmpty()) {
            return rejected(file, problems, MaskedStream.of(err, secrets));
        }
        PrintStream shown = MaskedStream.of(out, secrets);
        // NOTE: a secret parameter's value is masked by its name too: the stream masks only values of some length
        Job masked = loaded.job() == null ? null : loaded.job().withParams(new SecretMask(secrets)
                .params(loaded.job().params()), loaded.job().description());
        if (arguments.list()) {
            return list(masked, arguments.json(), shown);
        }
        TaskSelection selection;
        try {
            selection = TaskSelection.of(loaded.job(), arguments.tasks());
        } catch (TaskSelection.UnknownTaskException e) {
            err.println("jobrun: " + file + ": " + e.getMessage() + (e.suggested() ? ""
                    : " (bin/jobrun --list " + file + " lists the tasks)") + "; nothing ran");
            return INVALID;
        }
        if (arguments.check()) {
            out.println(file + ": ok");
            return OK;
        }
        if (arguments.dryRun()) {
            return arguments.durability().explain() ? explain(loaded.job(), arguments.durability(),
                    environment.environment(), shown)
                    : plan(masked, selection, shown);
        }
        return runJob(loaded.job(), selection, read.identity(), arguments, environment.environment());
    }

    /** A job file as its front read it, and what reports call its run. */
    private record Read(LoadedJob loaded, RunIdentity identity) {
    }

    /**
     * Reads {@code name} once, with the front its ending names; null after printing why it cannot be read at all (a
     * problem at a line of the file comes back as the file's one problem).
     */
    private Read load(String name, Arguments arguments) {
        JobFront front = Fronts.STANDARD.forFile(name);
        if (front == null) {
            err.println("jobrun: " + name + ": " + Fronts.STANDARD.notAJobFile(name));
            return null;
        }
        try {
            // NOTE: every front gets the same refusals (missing, directory, too large, binary, empty) in the same words
            JobText source = JobText.read(Path.of(name), name);
            return new Read(front.load(new JobFront.Request(source, arguments.params(), new Kinds(kinds,
                    TaskRegistry.STANDARD), out)), RunIdentity.of(source.text()));
        } catch (JobSource.UnreadableException e) {
            Problem atItsLine = e.problem(name);
            if (atItsLine != null) {
                return new Read(new LoadedJob(null, List.of(atItsLine)), null);
            }
            err.println("jobrun: " + name + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Whether a run of {@code job} will start processes: a shell task anywhere, or an executor whose kind runs its
     * tasks in worker JVMs.
     */
    static boolean startsProcesses(Job job, ExecutorKinds kinds) {
        return !shellTaskExecutors(job).isEmpty()
                || job.executors().stream().anyMatch(executor -> kinds.runsInWorkerProcesses(executor.kind()));
    }

    /**
     * Whether a run of {@code job} will run shell tasks in this JVM: a shell task on an executor of a kind that runs
     * its tasks here (the default executor included); one on worker JVMs runs its shell there.
     */
    static boolean runsShellTasksHere(Job job, ExecutorKinds kinds) {
        // NOTE: an executor that is not declared (the file is rejected later) counts as here: the loop costs little
        return shellTaskExecutors(job).stream()
                .anyMatch(executor -> executor == null || !kinds.runsInWorkerProcesses(executor.kind()));
    }

    /** The executor of each shell task of {@code job}, null for one not declared. */
    private static List<ExecutorSpec> shellTaskExecutors(Job job) {
        ExecutorSpec fallback = io.jobrun.run.Interpreter.defaultExecutor(job);
        List<ExecutorSpec> executors = new ArrayList<>();
        for (TaskSpec task : job.tasks()) {
            if (task.body().untemplated() instanceof TaskBody.Shell) {
                executors.add(task.executor() == null ? fallback : job.executor(task.executor()));
            }
        }
        return executors;
    }

    /** Every problem of the file, in file order; its warnings are printed on the way. */
    private List<Problem> validate(LoadedJob loaded, JobEnvironment.Loaded environment) {
        List<Problem> problems = new ArrayList<>(loaded.problems());
        if (environment != null) {
            problems.addAll(environment.problems());
        }
        List<Problem> warnings = new ArrayList<>(loaded.warnings());
        if (loaded.job() != null) {
            JobValidator.Findings findings = new JobValidator(kinds).check(loaded.job(),
                    !loaded.problems().isEmpty());
            problems.addAll(findings.problems());
            warnings.addAll(findings.warnings());
        }
        // NOTE: the job file's problems first, then those of the env files it names, each file in line order.
        String jobFile = loaded.job() != null ? loaded.job().file() : null;
        java.util.Comparator<Problem> fileOrder = (a, b) -> {
            int byFile = Boolean.compare(jobFile != null && !a.position().file().equals(jobFile),
                    jobFile != null && !b.position().file().equals(jobFile));
            return byFile != 0 ? byFile : Problem.compareInFile(a, b);
        };
        warnings.sort(fileOrder);
        for (Problem warning : warnings) {
            err.println(warning.position() + ": warning: " + warning.message());
        }
        problems.sort(fileOrder);
        return problems;
    }

    private int rejected(String file, List<Problem> problems, PrintStream err) {
        for (Problem problem : problems) {
            err.println(problem);
        }
        err.println("jobrun: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + file
                + "; nothing ran");
        return INVALID;
    }

    private int list(Job job, boolean json, PrintStream out) {
        if (json) {
            TaskList.printJson(job, out);
        } else {
            TaskList.print(job, out);
        }
        return OK;
    }

    private int plan(Job job, TaskSelection selection, PrintStream out) {
        PlanPrinter.print(job, selection, io.jobrun.run.Interpreter.defaultExecutor(job), out);
        return OK;
    }

    /** How the reports print; each run masks its own secrets in its events before any report sees them. */
    private ReportSettings reportSettings(Arguments arguments, boolean liveOutput) {
        ReportStyle style = new ReportStyle(terminal.emoji(arguments.noEmoji()), arguments.quiet(),
                terminal.interactive(), arguments.verbose(), terminal.columns(), arguments.results(), liveOutput);
        return new ReportSettings(out, err, style, ticker, null);
    }

    private int runJob(Job job, TaskSelection selection, RunIdentity identity, Arguments arguments,
                       JobEnvironment environment) {
        boolean liveOutput = arguments.output() || job.output() == OutputMode.PREFIXED;
        ReportSettings settings = reportSettings(arguments, liveOutput);
        Interpreter interpreter = new Interpreter(job, kinds, ticker, identity);
        interpreter.select(selection);
        interpreter.environment(environment.added());
        // NOTE: the run's secrets are masked in its events (every report, the summary, the journal) and in the lines
        // printed here as they come; nothing else leaves the run.
        Secrets secrets = Secrets.ofRun(job, environment);
        SecretMask mask = new SecretMask(secrets);
        interpreter.mask(mask);
        if (liveOutput) {
            TaggedOutput tagged = new TaggedOutput(out, terminal.colour());
            interpreter.streamOutput(secrets.isEmpty() ? tagged
                    : (task, line) -> tagged.line(secrets.mask(task), secrets.mask(line)));
        }
        interpreter.output(MaskedStream.of(out, secrets), MaskedStream.of(err, secrets));
        if (!arguments.quiet()) {
            interpreter.addListener(Reports.STANDARD.create("progress", settings));
        }
        // NOTE: report files before the summary, so that a file that cannot be written is a warning the summary prints.
        reportFiles.forEach(interpreter::addListener);
        interpreter.addListener(Reports.STANDARD.create("summary", settings));
        Durability durability = arguments.durability();
        Recording recording;
        PreviousRun previous = null;
        if (durability.journal()) {
            JournalStore store = store(durability);
            Keys keys = new Keys(job, store.secret()).environment(environment.added());
            try {
                previous = durability.resuming() ? previous(job, store, durability) : null;
            } catch (ResumeRefused e) {
                err.println("jobrun: cannot resume: " + e.getMessage() + "; nothing ran");
                return INVALID;
            }
            Resumer resumer = new Resumer(keys, previous == null ? null : previous.run(), store,
                    new NameGlob(durability.rerun()), Set.copyOf(durability.markOk()));
            interpreter.reuse(resumer);
            recording = Recording.open(job.withParams(mask.params(job.params()), job.description()), store,
                    previous == null ? null : previous.run().id(), keys, resumer::why, err);
            if (recording.listener() != null) {
                interpreter.addListener(recording.listener());
            }
            interpreter.recordOnceLaunches(recording.onceLaunches());
        } else {
            recording = Recording.off(err);
        }
        RunInProgress run = new RunInProgress(interpreter);
        running = run;
        StopCause cause = stopped;
        if (cause != null) {
            interpreter.stop(cause);
        }
        RunResult result = null;
        try {
            result = interpreter.run();
        } finally {
            running = null;
            recording.close();
            closeQuietly(previous);
            if (result != null) {
                run.exitCode = recording.exitCode(result.exitCode());
            }
            out.flush();
            run.reported.countDown();
        }
        return run.exitCode;
    }

    /** The run to resume, with the job's resume lock held; refused when a {@code once} task blocks it. */
    private PreviousRun previous(Job job, JournalStore store, Durability durability) throws ResumeRefused {
        PreviousRun previous;
        try {
            previous = PreviousRun.find(store, job.file(), durability.resume());
        } catch (java.io.IOException e) {
            throw new ResumeRefused("cannot read the journal in " + store.root() + ": " + e.getMessage());
        }
        String blocked = previous.onceBlocking(job, new NameGlob(durability.rerun()), Set.copyOf(durability.markOk()));
        if (blocked != null) {
            closeQuietly(previous);
            throw new ResumeRefused(blocked);
        }
        for (String stopped : Orphans.stop(previous.run())) {
            err.println("jobrun: " + stopped);
        }
        return previous;
    }

    private void closeQuietly(PreviousRun previous) {
        if (previous != null) {
            try {
                previous.close();
            } catch (java.io.IOException e) {
                err.println("jobrun: could not release the resume lock: " + e.getMessage());
            }
        }
    }

    /**
     * {@code --dry-run --explain}: for each instance, whether {@code --resume} (from the run it names, or the newest)
     * would reuse it or run it, and why; nothing runs.
     */
    private int explain(Job job, Durability durability, JobEnvironment environment, PrintStream out) {
        JournalStore store = store(durability);
        Keys keys = new Keys(job, store.secret()).environment(environment.added());
        RecordedRun previous = null;
        try {
            if (durability.resuming() || !store.runs(job.file()).isEmpty()) {
                try (PreviousRun found = PreviousRun.find(store, job.file(), durability.resuming()
                        ? durability.resume() : "")) {
                    previous = found.run();
                }
            }
        } catch (ResumeRefused | java.io.IOException e) {
            err.println("jobrun: cannot resume: " + e.getMessage());
            return INVALID;
        }
        Resumer resumer = new Resumer(keys, previous, store, new NameGlob(durability.rerun()),
                Set.copyOf(durability.markOk()));
        List<Explainer.Line> lines = new Explainer(job, keys, resumer).explain();
        int width = 0;
        for (Explainer.Line line : lines) {
            width = Math.max(width, line.instance().length());
        }
        out.println(previous == null ? "No run of " + job.file() + " to resume: every task runs."
                : "Resuming run " + previous.id() + " of " + job.file() + ":");
        for (Explainer.Line line : lines) {
            out.println("  " + String.format("%-6s", line.verdict()) + "  " + line.instance()
                    + " ".repeat(width - line.instance().length()) + "  " + line.reason());
        }
        return OK;
    }

    private JournalStore store(Durability durability) {
        return new JournalStore(durability.directory() != null ? durability.directory() : JournalStore.DEFAULT_ROOT)
                .writingThrough(journalSinks);
    }

    /** This command line, with each run's journal written through {@code through}: a test's failing disk. */
    Cli writingJournalsThrough(java.util.function.UnaryOperator<io.jobrun.journal.JournalSink> through) {
        this.journalSinks = through;
        return this;
    }

    /**
     * The JVM is exiting while a run is in progress: code in it called {@code System.exit}, a task most likely. Stops
     * the run, so that it reports, and waits up to {@code bound} for the report; returns the run's exit code, or -1
     * when no run was in progress (the JVM then exits as it was asked to).
     */
    int exitDuringRun(Duration bound) {
        RunInProgress run = running;
        if (run == null) {
            return -1;
        }
        stop(StopCause.EXITING);
        // NOTE: when the run's own thread called exit (a job callback did), the run never reports: do not wait.
        if (!ExitHook.isBlockedInExit(run.thread)) {
            try {
                run.reported.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return run.exitCode;
    }

    /**
     * A stop signal: stops the run (or the member) if there is one, which then reports and returns the cause's exit
     * code; false when there is nothing to stop yet. Safe from any thread; the first cause wins.
     */
    boolean stop(StopCause cause) {
        if (stopped == null) {
            stopped = cause;
        }
        MemberCommand command = member;
        if (command != null) {
            command.stop();
            return true;
        }
        RunInProgress current = running;
        if (current != null) {
            current.interpreter.stop(cause);
            return true;
        }
        return false;
    }

    /** A run, the thread running it, and the report a JVM exit waits for. */
    private static final class RunInProgress {
        final Interpreter interpreter;
        final Thread thread = Thread.currentThread();
        final CountDownLatch reported = new CountDownLatch(1);
        /** The run's exit code once it has reported; 1 (failed) until then. */
        volatile int exitCode = FAILED;

        RunInProgress(Interpreter interpreter) {
            this.interpreter = interpreter;
        }
    }

    static Cli forTests(PrintStream out, PrintStream err, Terminal terminal, Ticker ticker) {
        return new Cli(out, err, terminal, ticker, System.getenv());
    }
}
