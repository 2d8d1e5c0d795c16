package io.jobrun.futures;

import java.io.Serializable;

/** Runs once in each new worker before its first task; if it throws, the pool is broken. */
@FunctionalInterface
public interface Initializer extends Serializable {
    void initialize() throws Exception;
}
