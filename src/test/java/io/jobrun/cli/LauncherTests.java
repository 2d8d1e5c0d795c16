package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jobrun's fast start (bin/lib/launch.sh), in a copy of bin/ over a made-up checkout whose "java" is a script that
 * writes down its arguments: a current build goes straight to the JVM without starting any other process (the PATH
 * is empty), an edited, added or removed source takes the slow path, each syntax gets its own AOT cache (and one for
 * runs on a cluster), and a build drops the AOT caches of the build before.
 */
class LauncherTests {
    private static final FileTime BUILT = FileTime.from(Instant.parse("2026-01-01T10:00:00Z"));
    private static final FileTime BEFORE = FileTime.from(Instant.parse("2026-01-01T09:00:00Z"));
    private static final FileTime AFTER = FileTime.from(Instant.parse("2026-01-01T11:00:00Z"));

    @TempDir
    Path home;
    private Path java;
    private Path arguments;
    private Path source;

    @BeforeEach
    void checkout() throws IOException {
        Files.createDirectories(home.resolve("bin/lib"));
        for (String script : List.of("bin/jobrun", "bin/lib/common.sh", "bin/lib/launch.sh")) {
            Files.copy(Path.of(script), home.resolve(script));
        }
        arguments = home.resolve("arguments");
        java = executable(home.resolve("jdk/bin/java"), "#!/bin/bash\necho \"$*\" > " + arguments + "\n");
        source = Files.createDirectories(home.resolve("src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.createDirectories(home.resolve("target/aot"));
        Files.writeString(home.resolve("target/runtime.classpath"), "/deps/a.jar");
        Files.writeString(home.resolve("target/jobrun.stamp"), "");
        Files.writeString(home.resolve("target/jobrun-runner.jar"), "");
        writeLaunch(25);
        for (Path path : List.of(source, source.getParent(), home.resolve("src/main"), home.resolve("src"),
                home.resolve("pom.xml"))) {
            Files.setLastModifiedTime(path, BEFORE);
        }
        Files.setLastModifiedTime(home.resolve("target/jobrun.stamp"), BUILT);
    }

    private void writeLaunch(int javaVersion) throws IOException {
        writeLaunch(javaVersion, "/deps/a.jar");
    }

    /** @param dependencies the class path after the runner's jar */
    private void writeLaunch(int javaVersion, String dependencies) throws IOException {
        String sources = String.join("\n", home.resolve("pom.xml").toString(), home.resolve("src/main").toString(),
                source.getParent().toString(), source.toString());
        Files.writeString(home.resolve("target/launch.env"), String.join("\n",
                "launch_home=" + home,
                "launch_java_home_given=",
                "launch_java_home=" + home.resolve("jdk"),
                "launch_java=" + java,
                "launch_java_version=" + javaVersion,
                "launch_classpath=" + home.resolve("target/jobrun-runner.jar") + ":" + dependencies,
                "launch_flags=( --enable-native-access=ALL-UNNAMED )",
                "launch_sources=(", sources, ")", ""));
    }

    private static Path executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private record Ran(int exit, String stderr) {
    }

    /** Runs the copied bin/jobrun with {@code args}, no JAVA_HOME, and only {@code path} to find commands in. */
    private Ran jobrun(String path, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", home.resolve("bin/jobrun").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/jobrun did not end");
        return new Ran(process.exitValue(), stderr);
    }

    private Ran fastOnly(String... args) throws Exception {
        Files.deleteIfExists(arguments);
        return jobrun(Files.createDirectories(home.resolve("empty-path")).toString(), Map.of("JOBRUN_AOT", "off"),
                args);
    }

    private String javaArguments() throws IOException {
        return Files.readString(arguments).strip();
    }

    @Test
    void currentBuildStartsTheJvmWithoutAnyOtherProcess() throws Exception {
        Ran ran = fastOnly("hi.groovy");

        assertEquals(0, ran.exit(), ran.stderr());
        assertTrue(javaArguments().endsWith("-cp " + home.resolve("target/jobrun-runner.jar") + ":/deps/a.jar"
                + " io.jobrun.cli.Main hi.groovy"), javaArguments());
        assertTrue(javaArguments().startsWith("-XX:+UseSerialGC -XX:-UsePerfData"), javaArguments());
    }

    @Test
    void runnerCompilesOnlyWhatStaysHotAndTheUsersJitOptionsWin() throws Exception {
        Ran plain = fastOnly("hi.groovy");
        String plainArguments = javaArguments();
        Ran chosen = jobrun(Files.createDirectories(home.resolve("empty-path")).toString(), Map.of("JOBRUN_AOT", "off",
                "JOBRUN_JAVA_OPTS", "-XX:CompileThresholdScaling=1"), "hi.groovy");
        String chosenArguments = javaArguments();

        assertEquals(0, plain.exit(), plain.stderr());
        assertEquals(0, chosen.exit(), chosen.stderr());
        assertTrue(plainArguments.contains("-XX:CompileThresholdScaling=10 "), plainArguments);
        assertTrue(plainArguments.contains("-XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,"
                + "sun.security.provider.SHA2::implCompress0,0.01 "), "SHA-256 compiled early: " + plainArguments);
        assertTrue(chosenArguments.indexOf("-XX:CompileThresholdScaling=1 ")
                > chosenArguments.indexOf("-XX:CompileThresholdScaling=10 "), chosenArguments);
    }

    @Test
    void runnerAsksForTransparentHugePagesExactlyWhereTheKernelOffersThem() throws Exception {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String offered = Files.isReadable(setting) ? Files.readString(setting) : "";
        boolean expected = offered.contains("[always]") || offered.contains("[madvise]");

        Ran ran = fastOnly("hi.groovy");

        assertEquals(0, ran.exit(), ran.stderr());
        String arguments = javaArguments();
        assertEquals(expected, arguments.contains("-XX:+UseTransparentHugePages "),
                () -> "the kernel says: " + offered.strip() + "; the JVM got: " + arguments);
    }

    @Test
    void editedSourceFileTakesTheSlowPathThatChecksTheBuild() throws Exception {
        Files.setLastModifiedTime(source, AFTER);

        Ran ran = fastOnly("hi.groovy");

        assertNotEquals(0, ran.exit(), "with no commands on the PATH the slow path cannot even find a JDK");
        assertFalse(Files.exists(arguments), "the JVM did not start on a stale build");
    }

    @Test
    void addedOrRemovedSourceFileTakesTheSlowPath() throws Exception {
        Files.setLastModifiedTime(source.getParent(), AFTER); // what adding, removing or renaming a file does

        Ran ran = fastOnly("hi.yaml");

        assertNotEquals(0, ran.exit());
        assertFalse(Files.exists(arguments));
    }

    @Test
    void eachSyntaxStartsFromItsOwnAotCacheWhenItIsReady() throws Exception {
        String key = java.toString().replaceAll("[^A-Za-z0-9]", "_");
        Path groovyCache = Files.writeString(home.resolve("target/aot/runner-groovy-" + key + ".aot"), "");
        Path yamlCache = Files.writeString(home.resolve("target/aot/runner-yaml-" + key + ".aot"), "");

        Files.deleteIfExists(arguments);
        assertEquals(0, jobrun(home.resolve("empty-path").toString(), Map.of(), "hi.groovy").exit());
        String groovy = javaArguments();
        Files.deleteIfExists(arguments);
        assertEquals(0, jobrun(home.resolve("empty-path").toString(), Map.of(), "-p", "x=1", "hi.yml").exit());
        String yaml = javaArguments();

        assertTrue(groovy.contains("-XX:AOTCache=" + groovyCache + " "), groovy);
        assertTrue(yaml.contains("-XX:AOTCache=" + yamlCache + " "), yaml);
    }

    @Test
    void aRunOnAClusterStartsFromTheClusterAotCacheOfItsSyntax() throws Exception {
        String key = java.toString().replaceAll("[^A-Za-z0-9]", "_");
        Files.writeString(home.resolve("target/aot/runner-groovy-" + key + ".aot"), "");
        Path groovyCluster = Files.writeString(home.resolve("target/aot/runner-groovy-cluster-" + key + ".aot"), "");
        Path yamlCluster = Files.writeString(home.resolve("target/aot/runner-yaml-cluster-" + key + ".aot"), "");
        Path empty = Files.createDirectories(home.resolve("empty-path"));

        Files.deleteIfExists(arguments);
        assertEquals(0, jobrun(empty.toString(), Map.of(), "hi.groovy", "--cluster", "10.0.0.5:5701").exit());
        String flag = javaArguments();
        Files.deleteIfExists(arguments);
        assertEquals(0, jobrun(empty.toString(), Map.of("JOBRUN_CLUSTER", "10.0.0.5:5701"), "hi.yaml").exit());
        String variable = javaArguments();

        assertTrue(flag.contains("-XX:AOTCache=" + groovyCluster + " "), flag);
        assertTrue(variable.contains("-XX:AOTCache=" + yamlCluster + " "), variable);
    }

    @Test
    void aRunThatNamesNoClusterGoesWithoutHazelcastAndAYamlOneWithoutGroovy() throws Exception {
        String runner = home.resolve("target/jobrun-runner.jar").toString();
        writeLaunch(25, "/deps/slf4j-api-2.0.17.jar:/deps/groovy-5.1.3.jar:/deps/groovy-json-5.1.1.jar"
                + ":/deps/snakeyaml-engine-3.0.1.jar:/deps/hazelcast-5.7.0.jar");
        String all = runner + ":/deps/slf4j-api-2.0.17.jar:/deps/groovy-5.1.3.jar:/deps/groovy-json-5.1.1.jar"
                + ":/deps/snakeyaml-engine-3.0.1.jar:/deps/hazelcast-5.7.0.jar";
        Files.writeString(home.resolve("hi.yaml"), "tasks:\n  hi: { shell: echo hi }\n");
        Files.writeString(home.resolve("grid.yaml"), "executors:\n  grid: { cluster: 2 }\ntasks:\n  hi: { on: grid,"
                + " shell: echo hi }\n");
        Files.writeString(home.resolve("grid.groovy"), "executor 'grid', cluster(2)\n");

        fastOnly("hi.yaml");
        String yaml = javaArguments();
        fastOnly("grid.yaml");
        String cluster = javaArguments();
        fastOnly("hi.yaml", "hi.groovy");
        String mixed = javaArguments();
        fastOnly("hi.groovy");
        String groovy = javaArguments();

        fastOnly("grid.groovy");
        String groovyCluster = javaArguments();
        // NOTE: longer than the launcher reads (256 KB): it may name a cluster further on
        Files.writeString(home.resolve("long.yaml"), "# " + "x".repeat(300_000) + "\ntasks:\n  hi: { shell: echo hi }\n");
        fastOnly("long.yaml");
        String longYaml = javaArguments();

        String noHazelcast = runner + ":/deps/slf4j-api-2.0.17.jar:/deps/groovy-5.1.3.jar:/deps/groovy-json-5.1.1.jar"
                + ":/deps/snakeyaml-engine-3.0.1.jar";
        assertTrue(yaml.endsWith(" -cp " + runner + ":/deps/slf4j-api-2.0.17.jar:/deps/snakeyaml-engine-3.0.1.jar"
                + " io.jobrun.cli.Main hi.yaml"), yaml);
        assertTrue(cluster.endsWith(" -cp " + all + " io.jobrun.cli.Main grid.yaml"), cluster);
        assertTrue(mixed.endsWith(" -cp " + noHazelcast + " io.jobrun.cli.Main hi.yaml hi.groovy"), mixed);
        assertTrue(groovy.endsWith(" -cp " + noHazelcast + " io.jobrun.cli.Main hi.groovy"), groovy);
        assertTrue(groovyCluster.endsWith(" -cp " + all + " io.jobrun.cli.Main grid.groovy"), groovyCluster);
        assertTrue(longYaml.endsWith(" -cp " + all + " io.jobrun.cli.Main long.yaml"), longYaml);
    }

    /** A YAML file that says "cluster" is a run on a cluster, and gets that start-up cache. */
    @Test
    void aYamlFileThatNamesAClusterUsesTheClusterCache() throws Exception {
        String key = java.toString().replaceAll("[^A-Za-z0-9]", "_");
        Path yamlCluster = Files.writeString(home.resolve("target/aot/runner-yaml-cluster-" + key + ".aot"), "");
        Files.writeString(home.resolve("grid.yaml"), "executors:\n  grid: { cluster: 2 }\n");

        Files.deleteIfExists(arguments);
        assertEquals(0, jobrun(home.resolve("empty-path").toString(), Map.of(), "grid.yaml").exit());

        assertTrue(javaArguments().contains("-XX:AOTCache=" + yamlCluster + " "), javaArguments());
    }

    @Test
    void aotCacheOlderThanTheRunnerJarIsNotUsed() throws Exception {
        String key = java.toString().replaceAll("[^A-Za-z0-9]", "_");
        Path cache = Files.writeString(home.resolve("target/aot/runner-yaml-" + key + ".aot"), "");
        Files.setLastModifiedTime(cache, BEFORE);
        Files.setLastModifiedTime(home.resolve("target/jobrun-runner.jar"), BUILT); // rebuilt by bin/test

        // NOTE: JOBRUN_AOT=wait would train it again here; with no commands on the PATH training cannot start, and the
        // run goes on without a cache
        Files.deleteIfExists(arguments);
        Ran ran = jobrun(home.resolve("empty-path").toString(), Map.of("JOBRUN_AOT", "wait"), "hi.yaml");

        assertEquals(0, ran.exit(), ran.stderr());
        assertFalse(javaArguments().contains("AOTCache"), javaArguments());
    }

    /**
     * On JDK 25 a cache keeps the methods' profiles unless told not to, and a run that finds them hands each class's
     * methods to the JIT as it initializes: tens of ms of CPU in a one-task YAML run, whose training tells it not to;
     * in a Groovy run they get Groovy's own start compiled sooner, and its training keeps them.
     */
    @Test
    void aYamlAotCacheIsTrainedWithoutMethodProfilesAndAGroovyOneWithThem() throws Exception {
        Path calls = home.resolve("calls");
        executable(java, "#!/bin/bash\necho \"$*\" >> " + calls + "\necho \"$*\" > " + arguments + "\n"
                + "for a in \"$@\"; do case $a in -XX:AOTCacheOutput=*) : > \"${a#*=}\" ;; esac; done\n");
        Files.createDirectories(home.resolve("bin/lib/training"));
        Files.writeString(home.resolve("bin/lib/training/startup.yaml"), "tasks:\n  hi: { shell: echo hi }\n");
        Files.writeString(home.resolve("bin/lib/training/startup.groovy"), "task 'hi', { 'hello' }\n");

        Ran yaml = jobrun("/usr/bin:/bin", Map.of("JOBRUN_AOT", "wait"), "hi.yaml");
        String yamlRun = javaArguments();
        Ran groovy = jobrun("/usr/bin:/bin", Map.of("JOBRUN_AOT", "wait"), "hi.groovy");

        assertEquals(0, yaml.exit(), yaml.stderr());
        assertEquals(0, groovy.exit(), groovy.stderr());
        List<String> training = Files.readAllLines(calls).stream().filter(call -> call.contains("-XX:AOTCacheOutput="))
                .toList();
        assertEquals(2, training.size(), Files.readString(calls));
        assertTrue(training.get(0).contains("runner-yaml-"), training::toString);
        assertTrue(training.get(0).contains("-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining "), training::toString);
        assertTrue(training.get(1).contains("runner-groovy-"), training::toString);
        assertFalse(training.get(1).contains("AOTRecordTraining"), training::toString);
        assertTrue(yamlRun.contains("-XX:AOTCache="), "the run after the training uses its cache");
    }

    @Test
    void noAotCacheBeforeJdk25NorWhenTurnedOff() throws Exception {
        String key = java.toString().replaceAll("[^A-Za-z0-9]", "_");
        Files.writeString(home.resolve("target/aot/runner-groovy-" + key + ".aot"), "");

        fastOnly("hi.groovy");
        String off = javaArguments();
        writeLaunch(21);
        Files.deleteIfExists(arguments);
        jobrun(home.resolve("empty-path").toString(), Map.of(), "hi.groovy");
        String old = javaArguments();

        assertFalse(off.contains("AOTCache"), off);
        assertFalse(old.contains("AOTCache"), old);
    }

    @Test
    void buildDropsTheAotCachesOfTheBuildBefore() throws Exception {
        Path stale = Files.writeString(home.resolve("target/aot/runner-groovy-old.aot"), "");

        Ran ran = buildThenRunAgain();

        assertTrue(Files.exists(home.resolve("built")), "the stale build was rebuilt");
        assertTrue(Files.exists(home.resolve("jarred")), "and its runner jar made");
        assertTrue(ran.stderr().contains("building"), ran.stderr());
        assertFalse(Files.exists(stale), "the AOT cache of the build before is gone");
        assertTrue(javaArguments().endsWith("io.jobrun.cli.Main hi.groovy"), javaArguments());
        assertTrue(Files.readString(home.resolve("target/launch.env")).contains("launch_java_home_given="
                + home.resolve("jdk")), "the next run remembers what this one found");
    }

    /** Read from a jar, the version would cost each run's start 6-12 ms (io.jobrun.job.BuildInfo). */
    @Test
    void theBuildsVersionReachesTheRunnerAsPropertiesReadOncePerBuild() throws Exception {
        Path versions = Files.createDirectories(home.resolve("target/classes/io/jobrun/cli"))
                .resolve("version.properties");
        Files.writeString(versions, "version=1.2.3\nbuild=2026-12-02T09:00:00.000\n");

        buildThenRunAgain();

        assertTrue(javaArguments().contains("-Djobrun.version=1.2.3 -Djobrun.build=2026-12-02T09:00:00.000 "),
                javaArguments());
    }

    /**
     * Runs hi.groovy on a checkout whose build is stale (the build made by stand-ins for Maven and the JDK's tools),
     * then again on the fast path that build wrote, which needs no tool; returns the first run.
     */
    private Ran buildThenRunAgain() throws Exception {
        Path tools = Files.createDirectories(home.resolve("tools"));
        for (String tool : List.of("find", "sed", "cat", "mv", "rm", "mkdir", "touch", "dirname", "readlink", "head")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, tool)) && !Files.exists(tools.resolve(tool))) {
                    executable(tools.resolve(tool), "#!/bin/bash\nexec " + dir + "/" + tool + " \"$@\"\n");
                }
            }
        }
        executable(tools.resolve("mvn"), "#!/bin/bash\necho built > " + home.resolve("built") + "\n");
        executable(home.resolve("jdk/bin/javac"), "#!/bin/bash\n");
        executable(home.resolve("jdk/bin/jar"), "#!/bin/bash\necho jar > " + home.resolve("jarred") + "\n: > \"$3\"\n");
        Files.writeString(home.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\n");
        Files.setLastModifiedTime(source, AFTER);

        Ran ran = jobrun(tools.toString(), Map.of("JAVA_HOME", home.resolve("jdk").toString(), "JOBRUN_AOT", "off"),
                "hi.groovy");
        assertEquals(0, ran.exit(), ran.stderr());
        Files.deleteIfExists(arguments);
        Ran again = jobrun(home.resolve("empty-path").toString(), Map.of("JAVA_HOME", home.resolve("jdk").toString(),
                "JOBRUN_AOT", "off"), "hi.groovy");
        assertEquals(0, again.exit(), "the next run takes the fast path: " + again.stderr());
        return ran;
    }
}
