package io.jobrun.job;

import io.jobrun.job.text.Suggestions;
import java.util.Arrays;
import java.util.List;

/** When a run shows what its tasks print (job setting {@code output:}; {@code --output} on the command line). */
public enum OutputMode {
    /** In the failure block of each failed task (its first and last lines); all of it with --verbose. */
    FAILED("failed"),
    /** Every line as it is printed, after its task's name, as Taskfile's {@code output: prefixed} does. */
    PREFIXED("prefixed");

    private final String keyword;

    OutputMode(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /**
     * The mode written {@code keyword}.
     *
     * @throws OptionValueException naming the modes there are
     */
    public static OutputMode parse(String keyword) {
        List<String> keywords = Arrays.stream(values()).map(OutputMode::keyword).toList();
        for (OutputMode mode : values()) {
            if (mode.keyword.equals(keyword)) {
                return mode;
            }
        }
        throw new OptionValueException("unknown output mode '" + keyword + "' (expected one of "
                + String.join(", ", keywords) + ")" + Suggestions.hint(keyword, keywords));
    }
}
