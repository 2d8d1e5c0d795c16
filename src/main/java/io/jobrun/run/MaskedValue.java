package io.jobrun.run;

/**
 * A task's result whose text held a secret, as the run's listeners see it: only its text, masked. It is not a value
 * the journal can store, so a resume runs that task again rather than keep a result it cannot give back whole.
 */
public record MaskedValue(String text) {
    @Override
    public String toString() {
        return text;
    }
}
