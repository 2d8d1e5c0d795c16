package io.jobrun.job;

import java.util.List;

/** A job file that cannot run; carries every problem found, in file order. */
public class InvalidJobException extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidJobException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid job" : problems.get(0).toString());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid job has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
