package io.jobrun.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.JobValidator;
import io.jobrun.job.LoadedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster executor kind, bound by both fronts from its registry entry like any other kind. */
class ClusterKindTests {
    @TempDir
    Path dir;

    private LoadedJob load(String name, String text, ExecutorKinds kinds) throws IOException {
        return Loading.load(Files.writeString(dir.resolve(name), text), name, Map.of(), kinds);
    }

    private ExecutorSpec groovy(String declaration) throws IOException {
        LoadedJob loaded = load("job.groovy", "executor 'grid', " + declaration + "\ntask 'a', on: 'grid', { 1 }\n",
                ExecutorRegistry.STANDARD);
        assertEquals(List.of(), loaded.problems());
        return loaded.job().executor("grid");
    }

    private ExecutorSpec yaml(String declaration) throws IOException {
        LoadedJob loaded = load("job.yaml", "executors:\n  grid: " + declaration + "\ntasks:\n  a: { on: grid, shell: "
                + "echo 1 }\n", ExecutorRegistry.STANDARD);
        assertEquals(List.of(), loaded.problems());
        return loaded.job().executor("grid");
    }

    private List<String> problems(String declaration, Map<String, String> environment) throws IOException {
        ExecutorKinds kinds = ExecutorRegistry.STANDARD.configured(environment);
        LoadedJob loaded = load("job.groovy", "executor 'grid', " + declaration + "\ntask 'a', on: 'grid', { 1 }\n",
                kinds);
        List<String> messages = new ArrayList<>();
        loaded.problems().forEach(p -> messages.add(p.message()));
        if (loaded.job() != null) {
            new JobValidator(kinds).validate(loaded.job()).forEach(p -> messages.add(p.message()));
        }
        return messages;
    }

    @Test
    void bothSyntaxesDeclareAClusterWithItsSlotsAndMembers() throws IOException {
        ExecutorSpec fromGroovy = groovy("cluster(slots: 8, members: ['10.0.0.5:5701', '10.0.0.6:5701'],"
                + " memberWait: '30s')");
        ExecutorSpec fromYaml = yaml("{ cluster: 8, members: [10.0.0.5:5701, 10.0.0.6:5701], member_wait: 30s }");
        Map<String, Object> options = Map.of("members", List.of("10.0.0.5:5701", "10.0.0.6:5701"), "memberWait",
                Duration.ofSeconds(30));
        assertEquals(new ExecutorSpec("grid", "cluster", 8, options, fromGroovy.position()), fromGroovy);
        assertEquals(new ExecutorSpec("grid", "cluster", 8, options, fromYaml.position()), fromYaml);
        assertEquals("cluster(8)", fromYaml.describe());
    }

    @Test
    void groovyGivesTheSlotsFirstOrByName() throws IOException {
        assertEquals(groovy("cluster(4)").workers(), groovy("cluster(slots: 4)").workers());
        assertEquals(List.of("a member's address is HOST:PORT, such as 10.0.0.5:5701; got 'lots'"),
                problems("cluster(members: 'lots', 2)", Map.of()).stream().map(m -> m.replace("executor 'grid': ",
                        "")).toList());
    }

    @Test
    void slotsThatAreNotANumberAreNamedAsSlots() throws IOException {
        assertEquals(List.of("slots must be a whole number, got the text 'many'"),
                problems("cluster(slots: 'many')", Map.of()));
    }

    @Test
    void aClusterAtAnAddressNeedsTheSecretBeforeAnythingRuns() throws IOException {
        List<String> problems = problems("cluster(2, members: ['10.0.0.5:5701'])", Map.of());
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("executor 'grid': a cluster needs its shared secret: set JOBRUN_CLUSTER_SECRET or "
                + "JOBRUN_CLUSTER_SECRET_FILE (a file holding it) to the same value on every member and runner; make "
                + "one with: head -c 32 /dev/urandom | base64", problems.get(0));
        assertEquals(List.of(), problems("cluster(2, members: ['10.0.0.5:5701'])",
                Map.of("JOBRUN_CLUSTER_SECRET", "0123456789abcdef0123")));
    }

    @Test
    void theRunsClusterNeedsTheSecretEvenWhenTheFileNamesNoMember() throws IOException {
        assertEquals(List.of(), problems("cluster(2)", Map.of()), "the embedded default makes its own secret");
        assertEquals(1, problems("cluster(2)", Map.of("JOBRUN_CLUSTER", "10.0.0.5:5701")).size());
    }
}
