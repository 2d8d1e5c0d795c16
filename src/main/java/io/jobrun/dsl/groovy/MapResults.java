package io.jobrun.dsl.groovy;

import io.jobrun.futures.MapIterator;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What {@code pool.map(items) { ... }} gives back: its results in input order, each taken when it is first asked
 * for, as Python's {@code executor.map} yields them: {@code for (r in pool.map(...)) println r} prints each result
 * as it comes, and a timeout or a failing item is raised where the loop reaches it, after the results before it.
 * It is a list, so that Groovy's list methods work ({@code join}, {@code collect}, {@code collate}, {@code [2]});
 * one that needs them all ({@code size()}, {@code toString()}) waits for them all. The first error ends it: what is
 * not done is cancelled, and each later look past the results taken raises the error again. A checked
 * exception of the work is raised as itself, as {@link FuturesExtensions#result(io.jobrun.futures.Future)} raises it.
 */
final class MapResults extends AbstractList<Object> {
    private final MapIterator<Object> source;
    private final List<Object> taken = new ArrayList<>();
    /** The first error, as Groovy code sees it (a checked exception of the work unwrapped), raised again each time. */
    private Throwable failure;

    MapResults(MapIterator<Object> source) {
        this.source = source;
    }

    /** Takes the next result; false when there is none. */
    private boolean takeNext() {
        if (failure != null) {
            throw FuturesExtensions.<RuntimeException>raise(failure);
        }
        try {
            if (!source.hasNext()) {
                return false;
            }
            taken.add(source.next());
            return true;
        } catch (RuntimeException e) {
            failure = FuturesExtensions.unwrapped(e);
        } catch (Error e) {
            failure = e;
        }
        source.close();
        throw FuturesExtensions.<RuntimeException>raise(failure);
    }

    @Override
    public Object get(int index) {
        while (taken.size() <= index && takeNext()) {
            // NOTE: waits for the results up to index, in order
        }
        return taken.get(index);
    }

    @Override
    public int size() {
        while (takeNext()) {
            // NOTE: the size is known when every result is
        }
        return taken.size();
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private int at;

            @Override
            public boolean hasNext() {
                return at < taken.size() || takeNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return taken.get(at++);
            }
        };
    }
}
