package io.jobrun.dsl.groovy;

import io.jobrun.job.Elapsed;
import io.jobrun.job.RunView;
import io.jobrun.job.TaskView;
import io.jobrun.task.ShellResult;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Groovy code is given of the run's values: a shell task's result as its text, as the report shows it. The run
 * keeps the command's record ({@link ShellResult}), but in Groovy that record compared with {@code == 'v1.2.3'} was
 * false, and {@code results.build.trim()} had no such method. Views, not copies: a fan-out of 100,000 shell items is
 * converted item by item as code reads it.
 */
final class GroovyValues {
    private GroovyValues() {
    }

    /** {@code value} as Groovy code sees it. */
    static Object of(Object value) {
        return switch (value) {
            case null -> null;
            case ShellResult shell -> shell.toString();
            case TaskView task when !(task instanceof TaskWithText) -> new TaskWithText(task);
            case RunView run when !(run instanceof RunWithText) -> new RunWithText(run);
            case List<?> list when !(list instanceof ListOfValues) -> new ListOfValues(list);
            default -> value;
        };
    }

    /** The results by task name, each as {@link #of} gives it. */
    static Map<String, Object> results(Map<String, Object> results) {
        return new MapOfValues(results);
    }

    private static final class ListOfValues extends AbstractList<Object> {
        private final List<?> list;

        ListOfValues(List<?> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return of(list.get(index));
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    private static final class MapOfValues extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        MapOfValues(Map<String, Object> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            return of(map.get(key));
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, Object>> entries = map.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return entries.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<String, Object> entry = entries.next();
                            return new SimpleImmutableEntry<>(entry.getKey(), of(entry.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return map.size();
                }
            };
        }
    }

    /** A finished task as a callback's {@code t}, its result as Groovy code sees it. */
    private record TaskWithText(TaskView task) implements TaskView {
        @Override
        public String getName() {
            return task.getName();
        }

        @Override
        public String getStatus() {
            return task.getStatus();
        }

        @Override
        public Object getResult() {
            return of(task.getResult());
        }

        @Override
        public Throwable getError() {
            return task.getError();
        }

        @Override
        public int getAttempts() {
            return task.getAttempts();
        }

        @Override
        public Elapsed getDuration() {
            return task.getDuration();
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    /** The run as a job callback's {@code run}, its tasks and results as Groovy code sees them. */
    private record RunWithText(RunView run) implements RunView {
        @Override
        public Elapsed getWall() {
            return run.getWall();
        }

        @Override
        public boolean getOk() {
            return run.getOk();
        }

        @Override
        public List<? extends TaskView> getTasks() {
            return run.getTasks().stream().map(TaskWithText::new).toList();
        }

        @Override
        public List<? extends TaskView> getFailed() {
            return run.getFailed().stream().map(TaskWithText::new).toList();
        }

        @Override
        public Map<String, Object> getResults() {
            return results(run.getResults());
        }

        @Override
        public String toString() {
            return run.toString();
        }
    }
}
