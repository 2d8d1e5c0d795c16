package io.jobrun.job;

/**
 * Hears where a try of a task runs when its executor places it outside this JVM on a worker of its choosing (a
 * cluster member), and when a try was lost because its worker left while it ran; the next try then runs elsewhere
 * as a new attempt that uses up no retry.
 */
@FunctionalInterface
public interface Placement {
    /**
     * @param worker   where the try runs now, "10.0.0.7:5701"
     * @param lostWith where the try before it ran, a worker that left while it ran; null for the first try
     */
    void placed(String worker, String lostWith);
}
