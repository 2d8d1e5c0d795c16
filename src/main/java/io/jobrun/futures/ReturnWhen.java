package io.jobrun.futures;

/** When {@link Futures#wait} returns. */
public enum ReturnWhen {
    /** As soon as any future is done (or at once when one already is). */
    FIRST_COMPLETED,
    /** As soon as any future fails; when none fails, the same as {@link #ALL_COMPLETED}. Cancelled is not failed. */
    FIRST_EXCEPTION,
    /** When every future is done. */
    ALL_COMPLETED
}
