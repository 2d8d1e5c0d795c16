package io.jobrun.run;

/** How a task ended, as the report prints it; and how one of its attempts ended. */
public enum TaskStatus {
    OK("ok", "✅", "[ok]"),
    FAILED("failed", "❌", "[FAILED]"),
    TIMEOUT("timeout", "⏱️", "[TIMEOUT]"),
    CANCELLED("cancelled", "🚫", "[cancelled]"),
    SKIPPED("skipped", "⏭️", "[skipped]"),
    LEAKED("leaked", "💧", "[LEAKED]"),
    /** An attempt only, never a task: its worker (a cluster member) left while it ran, and the task runs again. */
    LOST("lost", "🔌", "[lost]"),
    /** The command line (or the job's {@code default:}) named other tasks; not a skip, since nothing went wrong. */
    NOT_SELECTED("not selected", "➖", "[not selected]");

    private final String word;
    private final String emoji;
    private final String ascii;

    TaskStatus(String word, String emoji, String ascii) {
        this.word = word;
        this.emoji = emoji;
        this.ascii = ascii;
    }

    public String word() {
        return word;
    }

    public String indicator(boolean useEmoji) {
        return useEmoji ? emoji : ascii;
    }

    /** Whether this outcome fails the job (unless the task is optional). */
    public boolean isFailure() {
        return this == FAILED || this == TIMEOUT || this == LEAKED;
    }
}
