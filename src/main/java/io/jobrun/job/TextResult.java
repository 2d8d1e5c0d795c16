package io.jobrun.job;

/**
 * A task's result that holds a text of its own (a shell command's output, an HTTP response's body), which a fan-out
 * over the result reads line by line, as it reads a result that is text.
 */
public interface TextResult {
    String text();
}
