package io.jobrun.job;

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
