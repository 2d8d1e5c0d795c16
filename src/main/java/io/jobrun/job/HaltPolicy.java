package io.jobrun.job;

import io.jobrun.job.text.Suggestions;
import java.util.Arrays;
import java.util.List;

/** What a failure does to the rest of the run. */
public enum HaltPolicy {
    /** Nothing new starts after the first failure; running tasks finish; the rest are cancelled. */
    FIRST_FAILURE("first-failure"),
    /** Every task whose dependencies succeeded runs; failures are reported at the end. */
    RUN_ALL("run-all");

    private final String keyword;

    HaltPolicy(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(HaltPolicy::keyword).toList();
    }

    /**
     * The policy written {@code keyword}.
     *
     * @throws OptionValueException naming the policies there are
     */
    public static HaltPolicy parse(String keyword) {
        HaltPolicy policy = fromKeyword(keyword);
        if (policy == null) {
            throw new OptionValueException("unknown halt policy '" + keyword + "' (expected one of "
                    + String.join(", ", keywords()) + ")" + Suggestions.hint(keyword, keywords()));
        }
        return policy;
    }

    /** The policy written {@code keyword}, or null. */
    public static HaltPolicy fromKeyword(String keyword) {
        for (HaltPolicy policy : values()) {
            if (policy.keyword.equals(keyword)) {
                return policy;
            }
        }
        return null;
    }
}
