package io.jobrun.cluster;

/**
 * Whether Hazelcast's classes can be loaded in this JVM. bin/jobrun leaves its jar out of the class path of a run
 * whose job files do not say "cluster" (bin/lib/launch.sh); only a cluster executor named without that word (a YAML key
 * spelled with escapes, a Groovy method name built at run time) gets past that, and is told so rather than failing on a
 * missing class.
 */
public final class HazelcastPresence {
    private HazelcastPresence() {
    }

    public static boolean onClassPath() {
        try {
            Class.forName("com.hazelcast.core.Hazelcast", false, HazelcastPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
