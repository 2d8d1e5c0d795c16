package io.jobrun.dsl.groovy;

import io.jobrun.job.JobFront;
import io.jobrun.job.LoadedJob;
import java.util.List;

/**
 * The Groovy front: reads {@code .groovy} job files ({@link GroovyJobReader}). Registered with every front, so it
 * names no Groovy class itself: a run of a YAML file loads nothing of Groovy's compiler because of it.
 */
public final class GroovyJobLoader implements JobFront {
    /** Null for the user's cache folder, made when a file is first read: this front is made for every run. */
    private final CompiledFileCache cache;

    /** Keeps compiled job files in the user's cache folder ({@link CompiledFileCache}). */
    public GroovyJobLoader() {
        this(null);
    }

    GroovyJobLoader(CompiledFileCache cache) {
        this.cache = cache;
    }

    @Override
    public List<String> extensions() {
        return List.of(".groovy");
    }

    @Override
    public void prepare() {
        RuntimeWarmup.start();
    }

    @Override
    public LoadedJob load(Request request) {
        return new GroovyJobReader(cache != null ? cache : CompiledFileCache.standard()).load(request);
    }
}
