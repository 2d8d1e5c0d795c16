package io.jobrun.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hands each event to every listener, one event at a time; a listener that throws becomes a warning. */
final class EventBus {
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    void add(RunListener listener) {
        listeners.add(listener);
    }

    /** Synchronized so that listeners see events one at a time, in the order they were published. */
    synchronized void publish(RunEvent event) {
        for (RunListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                warnings.add("a report listener failed: " + e);
            }
        }
    }

    void warn(String message) {
        warnings.add(message);
        publish(new RunEvent.Warning(message));
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
