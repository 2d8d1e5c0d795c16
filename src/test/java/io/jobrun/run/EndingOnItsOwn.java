package io.jobrun.run;

/** Test listeners that end on their own ({@link RunListener#endsOnItsOwn()}), as report files do. */
public final class EndingOnItsOwn {
    private EndingOnItsOwn() {
    }

    /** A listener that ends on its own and does {@code atEnd} when it is given the run's end. */
    public static RunListener doing(Runnable atEnd) {
        return new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                if (event instanceof RunEvent.JobFinished) {
                    atEnd.run();
                }
            }

            @Override
            public boolean endsOnItsOwn() {
                return true;
            }
        };
    }
}
