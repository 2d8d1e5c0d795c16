package io.jobrun.cli;

import io.jobrun.dsl.groovy.GroovyJobLoader;
import io.jobrun.dsl.yaml.YamlJobLoader;
import io.jobrun.job.JobFront;
import java.util.ArrayList;
import java.util.List;

/** The syntaxes this build reads, each chosen by a file's ending: one line per front. */
final class Fronts {
    static final Fronts STANDARD = new Fronts(List.of(
            new GroovyJobLoader(),
            new YamlJobLoader()));

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
