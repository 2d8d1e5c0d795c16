package io.jobrun.cli;

import io.jobrun.job.BuildInfo;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.Kinds;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.RunSetting;
import io.jobrun.job.TaskKind;

/** The text of {@code --help} and the version of {@code --version}. */
final class Help {
    static final String USAGE = "usage: bin/jobrun FILE [TASK...] [-p key=value ...] [--dry-run] [--check] [--list"
            + " [--json]] [--output] [--quiet] [--verbose] [--results] [--no-emoji] [--report FORMAT=PATH ...]"
            + " [--env-file FILE ...] [--resume [RUN]] [--rerun GLOB] [--mark-ok NAME] [--explain] [--journal DIR | --no-journal]";

    private static final String OPTIONS = USAGE + "\n"
            + "       bin/jobrun member [--join ADDRESS...] [--bind ADDRESS] [--slots N]   (bin/jobrun member --help)\n"
            + "       bin/jobrun log [JOB] [RUN] [--journal DIR]   runs in the journal; with RUN, its task instances\n"
            + "       bin/jobrun clean --keep N [JOB] [--journal DIR]   delete all but the newest N runs of each job\n"
            + "       bin/jobrun --help | --version\n"
            + "\n"
            + "Runs the job file FILE (a Groovy job such as jobs/hello.groovy, or a YAML job such as\n"
            + "jobs/hello.yaml): compiles and checks it, runs its tasks on the executors it declares, and prints a\n"
            + "summary of every task. Several files run one after another.\n"
            + "\n"
            + "TASK names the tasks to run, with every task they run after or take their input from; the others are\n"
            + "reported 'not selected'. A name may hold * (any characters) and ? (one character): build-*, and\n"
            + "analyze[a*] for some items of the fan-out analyze. Without TASK a job runs its default: tasks\n"
            + "(Groovy: defaultTasks 'build'), or else all of them. An unknown name is an error (exit 2).\n"
            + "\n"
            + "Options:\n"
            + "  -p, --param key=value  a parameter the job declares, read in the job as params.key, of the type\n"
            + "                         of its default: text, a whole number, a number, true or false (repeatable)\n"
            + "  --dry-run              print the plan (executors; tasks with timeouts, retries and\n"
            + "                         dependencies) and run nothing\n"
            + "  --check                check the job files, print every problem, run nothing; exit 0 when\n"
            + "                         all are valid, 2 otherwise\n"
            + "  -l, --list             list the tasks of FILE (kind, executor, what each runs after, its\n"
            + "                         when:, its description) and its parameters (value and type), and\n"
            + "                         run nothing\n"
            + "  --json                 with --list: the same as JSON, one task a line (for shell completion:\n"
            + "                         source dsl/jobrun-completion.bash in bash or zsh)\n"
            + "  --quiet                no progress and no task table: totals and failures only\n"
            + "  -v, --verbose          every row of every fan-out (a fan-out of more than 20 items is\n"
            + "                         otherwise one line of counts and times, then its failures)\n"            + "  --output               show each line tasks print as they print it, after the task's name\n"
            + "                         (build | line); by default a failed task's first and last lines are in\n"
            + "                         its failure block, and --verbose adds what successful tasks printed\n"
            + "                         (job setting: output: prefixed)\n"
            + "  --results              after the summary, each task's whole result (the table shows its first\n"
            + "                         line, as wide as the terminal)\n"
            + "  --no-emoji             plain ASCII indicators (also with NO_COLOR set, or when the\n"
            + "                         terminal is not UTF-8)\n"
            + "  --report FORMAT=PATH   also write the run to PATH as json, junit (JUnit XML), trace\n"
            + "                         (Nextflow-style TSV), html (a timeline) or markdown; repeatable;\n"
            + "                         written when the run fails or is interrupted too. With several\n"
            + "                         job files, {job} in PATH stands for each file's name\n"
            + "  --env-file FILE        read NAME=value lines from FILE into every task's environment, and as\n"
            + "                         ${env.NAME} (repeatable; a later file wins, and files win over the job's\n"
            + "                         dotenv: files and jobrun's own environment); values from env\n"
            + "                         files are masked as *** in everything the run prints or writes\n"
            + "  --resume [RUN]         continue the newest run of the job (or RUN): what ended ok and is\n"
            + "                         unchanged is reused as cached, everything else runs\n"
            + "  --rerun GLOB           run the instances GLOB names even when they could be reused\n"
            + "                         (repeatable; * and ? are wildcards: --rerun 'analyze[*]')\n"
            + "  --mark-ok NAME         treat the once task NAME, running when the resumed run stopped, as done\n"
            + "  --explain              with --dry-run: for each task instance, cached or runs, and why\n"
            + "  --journal DIR          keep the journal (every run's record, JSON lines) in DIR instead of\n"
            + "                         .jobrun in the current directory\n"
            + "  --no-journal           record nothing\n"
            + "  -h, --help             show this help\n"
            + "  --version              show the version\n";

    private static final String EXIT_CODES = "\n"
            + "Output: the job's own output and the summary go to stdout; progress and errors to stderr.\n"
            + "With GITHUB_STEP_SUMMARY set (GitHub Actions), a Markdown summary is added to that file.\n"
            + "\n"
            + "Exit codes:\n"
            + "  0    every task succeeded\n"
            + "  1    some task failed or timed out\n"
            + "  2    usage error or invalid job file (nothing ran)\n"
            + "  130  interrupted (Ctrl-C): pending tasks cancelled, running ones stopped, partial report\n"
            + "  143  terminated (SIGTERM, as CI sends to cancel a job): the same\n"
            + "  129  hung up (SIGHUP: the terminal went away): the same\n";

    private Help() {
    }

    /**
     * The whole help: usage, options (with the run settings of the executor kinds), exit codes, then the executor
     * and task kinds this build has, from their registries.
     */
    static String text(Kinds kinds) {
        ExecutorKinds executorKinds = kinds.executors();
        StringBuilder text = new StringBuilder(OPTIONS);
        for (RunSetting setting : executorKinds.runSettings()) {
            text.append(row("  " + setting.flag() + " " + setting.valueName(), setting.description() + " (also "
                    + setting.variable() + ")", 25));
        }
        text.append(EXIT_CODES);
        text.append("\nExecutor kinds (Groovy: executor 'io', KIND(N, option: value); YAML: io: { KIND: N, option: value }"
                + "\nwith snake_case names):\n");
        for (ExecutorKind kind : executorKinds.all()) {
            text.append(row("  " + kind.name() + "(N)", kind.description(), 28));
            if (kind.workersOption() != null) {
                text.append(row("      " + kind.workersOption(), "N as a named option in Groovy: " + kind.name() + "("
                        + kind.workersOption() + ": 8)", 28));
            }
            options(kind.options(), text);
        }
        text.append("\nTask kinds (Groovy: task 'x', KIND(option: value); YAML: x: { KIND: { option: value } }):\n");
        for (TaskKind kind : kinds.tasks().all()) {
            text.append(row("  " + kind.name() + "(" + String.join(", ", kind.positional()) + ")",
                    kind.description(), 28));
            options(kind.options(), text);
        }
        text.append("\nSee dsl/README.md for both syntaxes.\n");
        return text.toString();
    }

    private static void options(java.util.List<OptionSpec> options, StringBuilder text) {
        for (OptionSpec option : options) {
            text.append(row("      " + option.name(), option.description() + " (" + option.type().expected() + ")",
                    28));
        }
    }

    /** One line of a two-column list, the text wrapped under its column at 110 characters. */
    private static String row(String name, String description, int column) {
        StringBuilder line = new StringBuilder(name);
        line.append(" ".repeat(Math.max(1, column - name.length())));
        int width = line.length();
        for (String word : description.split(" ")) {
            if (width + word.length() > 110) {
                line.append("\n").append(" ".repeat(column));
                width = column;
            }
            line.append(word).append(' ');
            width += word.length() + 1;
        }
        return line.toString().stripTrailing().replace(" \n", "\n") + "\n";
    }

    static String version() {
        return BuildInfo.current().version();
    }
}
