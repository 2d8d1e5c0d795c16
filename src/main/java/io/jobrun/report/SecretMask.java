package io.jobrun.report;

import io.jobrun.job.Job;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.ErrorText;
import io.jobrun.run.MaskedError;
import io.jobrun.run.MaskedValue;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.task.ShellFailedException;
import io.jobrun.task.ShellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one place where a run's secrets are masked: each event, before any listener sees it, becomes the same event
 * with every secret value in its texts replaced by {@value Secrets#MASK}: task names and items, results, errors,
 * printed lines, warnings and the parameters. Whatever a listener writes (a report file, the summary, the progress
 * line, the journal) is made from these. A part that holds no secret is passed on as it is.
 *
 * <p>A result whose text holds a secret reaches the listeners as its masked text ({@link MaskedValue}); an error as
 * its masked line with its type and stack ({@link MaskedError}), so the report still names the job-file line.
 */
public final class SecretMask implements UnaryOperator<RunEvent> {
    private final Secrets secrets;

    public SecretMask(Secrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public RunEvent apply(RunEvent event) {
        if (secrets.isEmpty()) {
            return event;
        }
        return switch (event) {
            case RunEvent.JobStarted started -> new RunEvent.JobStarted(started.at(), started.wallClock(),
                    started.file(), tasks(started.planned()), started.pendingFanOuts(), started.executors(),
                    started.identity(), params(started.params()));
            case RunEvent.FanOutExpanded expanded -> new RunEvent.FanOutExpanded(expanded.at(), expanded.spec(),
                    tasks(expanded.instances()));
            case RunEvent.StateChanged changed -> changed;
            case RunEvent.AttemptStarted started -> new RunEvent.AttemptStarted(started.at(), task(started.task()),
                    started.attempt(), started.worker());
            case RunEvent.AttemptLost lost -> new RunEvent.AttemptLost(lost.at(), task(lost.task()),
                    attempt(lost.lost()), lost.worker());
            case RunEvent.RetryScheduled retry -> new RunEvent.RetryScheduled(retry.at(), task(retry.task()),
                    attempt(retry.failed()), retry.delay());
            case RunEvent.TaskFinished finished -> new RunEvent.TaskFinished(finished.at(),
                    outcome(finished.outcome()));
            case RunEvent.Warning warning -> new RunEvent.Warning(warning.at(), secrets.mask(warning.message()));
            case RunEvent.JobFinished finished -> new RunEvent.JobFinished(finished.at(), result(finished.result()));
        };
    }

    /** The parameters as reports list them: a secret one as {@value Secrets#MASK}, secrets masked in the others. */
    public Map<String, String> params(Map<String, String> params) {
        Map<String, String> masked = new LinkedHashMap<>();
        params.forEach((name, value) -> masked.put(name, secrets.param(name, value)));
        return masked;
    }

    private RunResult result(RunResult result) {
        Job job = result.job();
        Job shown = job == null ? null : job.withParams(params(job.params()), secrets.mask(job.description()));
        List<TaskOutcome> outcomes = new ArrayList<>(result.outcomes().size());
        for (TaskOutcome outcome : result.outcomes()) {
            outcomes.add(outcome(outcome));
        }
        List<String> warnings = new ArrayList<>();
        result.warnings().forEach(warning -> warnings.add(secrets.mask(warning)));
        return new RunResult(shown, outcomes, result.wallTime(), result.stopCause(), warnings);
    }

    private TaskOutcome outcome(TaskOutcome outcome) {
        List<AttemptRecord> history = new ArrayList<>(outcome.history().size());
        outcome.history().forEach(attempt -> history.add(attempt(attempt)));
        List<String> output = new ArrayList<>(outcome.output().size());
        outcome.output().forEach(line -> output.add(secrets.mask(line)));
        return new TaskOutcome(task(outcome.task()), outcome.status(), value(outcome.result()), error(outcome.error()),
                history, output);
    }

    private AttemptRecord attempt(AttemptRecord attempt) {
        Throwable error = error(attempt.error());
        return error == attempt.error() ? attempt : new AttemptRecord(attempt.number(), attempt.executor(),
                attempt.worker(), attempt.submitted(), attempt.started(), attempt.ended(), attempt.status(), error);
    }

    private List<TaskInstance> tasks(List<TaskInstance> tasks) {
        List<TaskInstance> masked = new ArrayList<>(tasks.size());
        tasks.forEach(task -> masked.add(task(task)));
        return masked;
    }

    /** A task whose name or item holds a secret (a fan-out over tokens) is shown with it masked. */
    private TaskInstance task(TaskInstance task) {
        boolean inItem = task.item() != null && secrets.appearsIn(String.valueOf(task.item()));
        if (!inItem && !secrets.appearsIn(task.name())) {
            return task;
        }
        return new TaskInstance(task.id(), secrets.mask(task.name()), task.spec(), task.executor(),
                inItem ? secrets.mask(String.valueOf(task.item())) : task.item(), task.position());
    }

    private Object value(Object result) {
        if (result == null) {
            return null;
        }
        if (result instanceof ShellResult shell) {
            return secrets.appearsIn(shell.stdout()) || secrets.appearsIn(shell.stderr())
                    ? new ShellResult(shell.exitStatus(), secrets.mask(shell.stdout()), secrets.mask(shell.stderr()))
                    : shell;
        }
        String text;
        try {
            text = String.valueOf(result);
        } catch (RuntimeException unprintable) {
            return result; // no text to leak; a report that prints it says it could not
        }
        return secrets.appearsIn(text) ? new MaskedValue(secrets.mask(text)) : result;
    }

    private Throwable error(Throwable error) {
        if (error == null) {
            return null;
        }
        if (error instanceof ShellFailedException shell) {
            boolean inOutput = shell.outputTail().stream().anyMatch(secrets::appearsIn);
            if (!inOutput && !secrets.appearsIn(shell.command())) {
                return shell;
            }
            List<String> tail = new ArrayList<>();
            shell.outputTail().forEach(line -> tail.add(secrets.mask(line)));
            ShellFailedException masked = new ShellFailedException(secrets.mask(shell.command()), shell.exitStatus(),
                    tail);
            masked.setStackTrace(shell.getStackTrace());
            return masked;
        }
        if (!holdsSecret(error)) {
            return error;
        }
        return new MaskedError(ErrorText.type(error), secrets.mask(ErrorText.of(error)), error.getStackTrace());
    }

    /** Whether the error's text, or any of its causes', holds a secret. */
    private boolean holdsSecret(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (secrets.appearsIn(t.getMessage()) || secrets.appearsIn(ErrorText.of(t))) {
                return true;
            }
        }
        return false;
    }
}
