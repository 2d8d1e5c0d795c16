package io.jobrun.cli;

import io.jobrun.dsl.groovy.GroovyJobLoader;
import io.jobrun.dsl.yaml.YamlJobLoader;
import io.jobrun.job.JobFront;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The syntaxes this build reads, each chosen by a file's ending: one line per front. */
final class Fronts {
    static final Fronts STANDARD = new Fronts(List.of(
            new GroovyJobLoader(),
            new YamlJobLoader()));

    /** How many of a directory's job files {@link #notAJobFile} names. */
    private static final int SHOWN = 4;

    private final List<JobFront> fronts;

    Fronts(List<JobFront> fronts) {
        this.fronts = List.copyOf(fronts);
    }

    /** The front for the file called {@code name}, or null when no front reads files ending so. */
    JobFront forFile(String name) {
        for (JobFront front : fronts) {
            for (String ending : front.extensions()) {
                if (name.endsWith(ending)) {
                    return front;
                }
            }
        }
        return null;
    }

    /**
     * Lets the front of the first argument that names a job file get ready while the command line starts (see
     * {@link JobFront#prepare}); a wrong guess (an option's value that looks like a file name) costs only that work.
     */
    void prepare(String[] args) {
        for (String arg : args) {
            JobFront front = forFile(arg);
            if (front != null) {
                front.prepare();
                return;
            }
        }
    }

    /**
     * Why {@code name} is no job file this build reads, after "jobrun: NAME: ": for a directory, some of the job
     * files in it, since the user most likely meant one of them.
     */
    String notAJobFile(String name) {
        Path directory = Path.of(name);
        if (!Files.isDirectory(directory)) {
            return "not a job file this build reads (expected a " + endings() + " file)";
        }
        List<String> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.map(Path::toString).filter(file -> forFile(file) != null).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            files = List.of();
        }
        if (files.isEmpty()) {
            return "is a directory with no job files (" + endings() + ") in it";
        }
        int shown = Math.min(files.size(), SHOWN);
        return "is a directory; name a job file in it: " + String.join(", ", files.subList(0, shown))
                + (files.size() > shown ? ", ... (" + files.size() + " in all)" : "");
    }

    /** ".groovy, .yaml or .yml". */
    String endings() {
        List<String> all = new ArrayList<>();
        fronts.forEach(front -> all.addAll(front.extensions()));
        if (all.size() == 1) {
            return all.get(0);
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }
}
