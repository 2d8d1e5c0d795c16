package io.jobrun.run;

/**
 * Counts the scheduling work of one run: every task instance, spec or waiter the interpreter touches, and every
 * message it handles. A test divides it by the number of finished instances to show that the work per finish does
 * not grow with the size of the job. The interpreter's thread only.
 */
final class WorkMeter {
    private long steps;

    void step() {
        steps++;
    }

    long steps() {
        return steps;
    }
}
