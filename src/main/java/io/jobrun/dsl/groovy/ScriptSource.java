package io.jobrun.dsl.groovy;

import java.util.Map;

/**
 * What a worker process needs to load a job file's code: the file, its text, and its parameters; and what a resume
 * hashes besides a closure's own text.
 *
 * @param text    the source as read, or null in a worker (whose closures go nowhere further)
 * @param params  the builder's live parameters: {@code -p} values over the file's defaults, complete once it is read
 * @param helpers the file's imports and method declarations, as written; empty in a worker
 */
record ScriptSource(JobFile file, String text, Map<String, Object> params, String helpers) {
}
