package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jobrun.cluster.MemberOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberCommandTests {
    @Test
    void bindJoinAndSlotsAreRead() throws Exception {
        MemberOptions options = MemberCommand.parse(List.of("--bind", "10.0.0.5:5702", "--join", "10.0.0.6:5701,"
                + "10.0.0.7:5701", "10.0.0.8:5701", "--slots", "3")).options();
        assertEquals(new MemberOptions("10.0.0.5", 5702, false, List.of("10.0.0.6:5701", "10.0.0.7:5701",
                "10.0.0.8:5701"), 3, "jobrun"), options);
    }

    @Test
    void defaultsAreLoopbackOnPort5701OrTheNextFreeOne() throws Exception {
        MemberOptions options = MemberCommand.parse(List.of()).options();
        assertEquals("127.0.0.1", options.bindHost());
        assertEquals(5701, options.port());
        assertEquals(true, options.portAutoIncrement());
        assertEquals(List.of(), options.join());
    }

    @Test
    void badValuesAreRefusedInWords() {
        assertEquals("--join needs HOST:PORT, got '10.0.0.6'", assertThrows(Arguments.UsageException.class,
                () -> MemberCommand.parse(List.of("--join", "10.0.0.6"))).getMessage());
        assertEquals("--slots needs a positive number, got '0'", assertThrows(Arguments.UsageException.class,
                () -> MemberCommand.parse(List.of("--slots", "0"))).getMessage());
        assertEquals("--bind needs a port from 0 to 65535, got '70000'", assertThrows(Arguments.UsageException.class,
                () -> MemberCommand.parse(List.of("--bind", "127.0.0.1:70000"))).getMessage());
        assertEquals("unknown option '--slot' (did you mean '--slots'?)", assertThrows(Arguments.UsageException.class,
                () -> MemberCommand.parse(List.of("--slot", "2"))).getMessage());
    }

    @Test
    void memberWithoutTheClusterSecretDoesNotStart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MemberCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of("--slots", "2"), Map.of());
        assertEquals(Cli.INVALID, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("jobrun member: a cluster needs its shared secret: set JOBRUN_CLUSTER_SECRET or "
                + "JOBRUN_CLUSTER_SECRET_FILE (a file holding it) to the same value on every member and runner; make "
                + "one with: head -c 32 /dev/urandom | base64\n", err.toString(StandardCharsets.UTF_8));
    }
}
