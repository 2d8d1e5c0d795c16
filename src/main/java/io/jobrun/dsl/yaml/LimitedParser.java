package io.jobrun.dsl.yaml;

import io.jobrun.job.JobSource;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The YAML parser's events on their way to the composer, which builds the node tree by recursion, one call per level:
 * a document nested thousands deep overflows its stack, and snakeyaml-engine has no limit of its own. This refuses a
 * list or map one level past {@link JobSource#MAX_NESTING}, and remembers where the last alias was, since the
 * composer's alias limit names no place.
 */
final class LimitedParser implements Parser {
    /** A list or map nested past the limit, at the mark where it opens. */
    static final class TooDeepException extends RuntimeException {
        final Mark mark;

        TooDeepException(Mark mark) {
            super(JobSource.tooDeeplyNested(), null, false, false);
            this.mark = mark;
        }
    }

    private final Parser parser;
    /** Lists and maps open at the current event. */
    private int depth;
    /** Where the last alias ({@code *name}) was read, if any. */
    private Optional<Mark> lastAlias = Optional.empty();

    LimitedParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > JobSource.MAX_NESTING) {
                    throw new TooDeepException(event.getStartMark().orElse(null));
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            case Alias -> lastAlias = event.getStartMark();
            default -> {
            }
        }
        return event;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    /** Where the last alias was read: the one that broke the composer's alias limit, when it throws. */
    Optional<Mark> lastAlias() {
        return lastAlias;
    }
}
