package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume}: what it reuses, what it runs, and {@code --explain}'s reasons, one test per part of the key.
 * Each test runs a job, changes one thing, and resumes; the resumed run's journal says which instances ran.
 */
@Timeout(120)
class ResumeTests {
    @TempDir
    Path dir;

    private Path job(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private CliRun run(Path job, String... extra) {
        List<String> args = new ArrayList<>(List.of(job.toString(), "--quiet", "--no-emoji", "--journal",
                dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Each instance of the newest run and its status, "ok" when it ran and "cached" when it was reused. */
    private Map<String, String> statuses(Path job) throws IOException {
        JournalStore store = new JournalStore(dir.resolve("state"));
        List<String> runs = store.runs(job.toString());
        RecordedRun run = RecordedRun.read(store.journal(job.toString(), runs.get(runs.size() - 1)));
        Map<String, String> statuses = new TreeMap<>();
        run.ended().values().forEach(e -> statuses.put(e.task(), e.status()));
        return statuses;
    }

    private Map<String, String> explain(Path job, String... extra) {
        List<String> args = new ArrayList<>(List.of(job.toString(), "--dry-run", "--explain", "--journal",
                dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> reasons = new TreeMap<>();
        for (String line : run.stdout().lines().skip(1).toList()) {
            String[] parts = line.strip().split("\\s{2,}", 3);
            reasons.put(parts[1], parts[0] + ": " + parts[2]);
        }
        return reasons;
    }

    private static void ok(CliRun run) {
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    }

    @Test
    void resumeReusesOkInstancesAsCachedAndRunsFailedOnesAndWhatFollows() throws IOException {
        Path flag = dir.resolve("b-fails");
        Files.writeString(flag, "");
        Path job = job("fan.groovy", """
                map 'square', over: ['a', 'b', 'c'], { x -> if (x == 'b' && new File('%s').exists()) throw new IOException('b'); x * 2 }
                task 'join', after: ['square'], { results.square.join(',') }
                """.formatted(flag));
        assertEquals(1, run(job).exitCode());
        Files.delete(flag);
        CliRun resumed = run(job, "--resume");
        ok(resumed);
        assertEquals(Map.of("join", "ok", "square[a]", "cached", "square[b]", "ok", "square[c]", "cached"),
                statuses(job));
        assertTrue(resumed.stdout().contains("4 tasks: 2 ok, 2 cached"), resumed.stdout());
        ok(run(job, "--resume"));
        assertEquals(Map.of("join", "cached", "square[a]", "cached", "square[b]", "cached", "square[c]", "cached"),
                statuses(job));
    }

    @Test
    void cachedResultFeedsLaterTasksAndItsCallbacksDoNotRunAgain() throws IOException {
        Path log = dir.resolve("callbacks.log");
        Path job = job("feed.groovy", """
                task 'fetch', onSuccess: { t -> new File('%s') << "success ${t.name}\\n" }, { [n: 41L, at: new File('x').toPath()] }
                task 'use', after: ['fetch'], cache: false, { results.fetch.n + 1 }
                """.formatted(log));
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals("success fetch\n", Files.readString(log));
        assertEquals(Map.of("fetch", "cached", "use", "ok"), statuses(job));
        JournalStore store = new JournalStore(dir.resolve("state"));
        List<String> runs = store.runs(job.toString());
        RecordedRun last = RecordedRun.read(store.journal(job.toString(), runs.get(1)));
        assertEquals(42L, last.result(last.ended().get("use"), store));
    }

    @Test
    void changingAClosureReRunsItAndItsDependentsOnly() throws IOException {
        String text = """
                task 'a', { 1 }
                task 'b', { 2 }
                task 'c', after: ['b'], { results.b + 1 }
                """;
        Path job = job("code.groovy", text);
        ok(run(job));
        Files.writeString(job, text.replace("{ 2 }", "{ 1 + 1 + 1 }"));
        assertEquals(Map.of("a", "cached: unchanged since run " + onlyRun(job), "b", "runs: code changed",
                "c", "maybe: after 'b', which runs again: its result decides"), explain(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("a", "cached", "b", "ok", "c", "ok"), statuses(job));
    }

    private String onlyRun(Path job) throws IOException {
        return new JournalStore(dir.resolve("state")).runs(job.toString()).get(0);
    }

    @Test
    void capturedValuesAreInTheKeySoEqualTextWithOtherValuesDoesNotShareIt() throws IOException {
        String text = """
                def factor = %d
                task 'scaled', { factor * 10 }
                """;
        Path job = job("captured.groovy", text.formatted(2));
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("scaled", "cached"), statuses(job));
        Files.writeString(job, text.formatted(3));
        assertEquals(Map.of("scaled", "runs: captured value 'factor' changed"), explain(job));
    }

    @Test
    void changingAHelperMethodReRunsTheClosuresThatMayCallIt() throws IOException {
        String text = """
                int twice(int x) { x * 2 }
                task 'a', { twice(21) }
                """;
        Path job = job("helper.groovy", text);
        ok(run(job));
        Files.writeString(job, text.replace("x * 2", "x + x"));
        assertEquals(Map.of("a", "runs: helpers changed"), explain(job));
    }

    @Test
    void shellCommandIsKeyedAfterRenderingSoAParameterItUsesReRunsIt() throws IOException {
        Path job = job("shell.yaml", """
                params: { word: hi }
                tasks:
                  say: { shell: "echo ${params.word}" }
                  other: { shell: echo same }
                """);
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("other", "cached", "say", "cached"), statuses(job));
        Map<String, String> reasons = explain(job, "-p", "word=ho");
        assertEquals("runs: command changed", reasons.get("say"));
        assertTrue(reasons.get("other").startsWith("cached: unchanged since run "), reasons::toString);
        ok(run(job, "--resume", "-p", "word=ho"));
        assertEquals(Map.of("other", "cached", "say", "ok"), statuses(job));
    }

    @Test
    void aScriptsCodeIsInTheKey() throws IOException {
        String text = """
                tasks:
                  calc: { script: { lang: js, code: "%s" } }
                  other: { shell: echo same }
                """;
        Path job = job("script.yaml", text.formatted("6 * 7"));
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("calc", "cached", "other", "cached"), statuses(job));
        Files.writeString(job, text.formatted("6 * 7 + 0"));
        Map<String, String> reasons = explain(job);
        assertEquals("runs: script changed", reasons.get("calc"));
        assertTrue(reasons.get("other").startsWith("cached: "), reasons::toString);
    }

    /** The request's method, URL and body are one part, its headers another (their values as keyed hashes). */
    @Test
    void anHttpRequestsUrlBodyAndHeadersAreInTheKey() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.route("/a", exchange -> LocalHttpServer.reply(exchange, 200, "a"));
            server.route("/b", exchange -> LocalHttpServer.reply(exchange, 200, "b"));
            String text = """
                    tasks:
                      call: { http: { post: "%s", body: "%s", headers: { X-Token: "%s" } } }
                    """;
            Path job = job("http.yaml", text.formatted(server.base() + "/a", "one", "token-value-one"));
            ok(run(job));
            ok(run(job, "--resume"));
            assertEquals(Map.of("call", "cached"), statuses(job));
            Files.writeString(job, text.formatted(server.base() + "/b", "one", "token-value-one"));
            assertEquals(Map.of("call", "runs: request changed"), explain(job));
            Files.writeString(job, text.formatted(server.base() + "/a", "two", "token-value-one"));
            assertEquals(Map.of("call", "runs: request changed"), explain(job));
            Files.writeString(job, text.formatted(server.base() + "/a", "one", "token-value-two"));
            assertEquals(Map.of("call", "runs: headers changed"), explain(job));
            ok(run(job, "--resume"));
            assertEquals(Map.of("call", "ok"), statuses(job));
            // NOTE: a value that nothing else in the journal (the test's temporary path, its random keys) holds by
            // chance, as the two characters "t2" once did
            assertFalse(Files.readString(lastJournal(job)).contains("token-value"), "a header's value is never in the"
                    + " journal");
        }
    }

    private Path lastJournal(Path job) throws IOException {
        JournalStore store = new JournalStore(dir.resolve("state"));
        List<String> runs = store.runs(job.toString());
        return store.journal(job.toString(), runs.get(runs.size() - 1));
    }

    @Test
    void theFilesImportsAreInTheKeyOfItsClosures() throws IOException {
        String text = """
                import static java.lang.Math.%s
                task 'pick', { pick(3, 5) }
                task 'plain', { 1 }
                """;
        Path job = job("imports.groovy", text.formatted("max as pick"));
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("pick", "cached", "plain", "cached"), statuses(job));
        Files.writeString(job, text.formatted("min as pick"));
        assertEquals("runs: helpers changed", explain(job).get("pick"));
        ok(run(job, "--resume"));
        JournalStore store = new JournalStore(dir.resolve("state"));
        RecordedRun last = RecordedRun.read(lastJournal(job));
        assertEquals(3, last.result(last.ended().get("pick"), store));
    }

    /**
     * The key format's version is hashed into every key: an end recorded under another version (here, its key
     * digest differs while every named part is the same) is never reused, and the reason says so.
     */
    @Test
    void aKeyFromAnotherFormatVersionNeverMatches() throws IOException {
        Path job = job("format.yaml", "tasks:\n  a: { shell: echo a }\n");
        ok(run(job));
        Path journal = lastJournal(job);
        String text = Files.readString(journal);
        String key = text.replaceAll("(?s).*\"ev\":\"end\".*?\"key\":\"([A-Za-z0-9_-]{22})\".*", "$1");
        assertEquals(22, key.length(), text);
        Files.writeString(journal, text.replace(key, "A".repeat(22)));
        assertEquals(Map.of("a", "runs: its key changed (a new key format)"), explain(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("a", "ok"), statuses(job));
    }

    @Test
    void envAndDirOfAShellTaskAreInTheKey() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        String text = """
                tasks:
                  here: { shell: { command: "pwd; echo $X", env: { X: "1" }, dir: "%s" } }
                """;
        Path job = job("envdir.yaml", text.formatted(dir));
        ok(run(job));
        Files.writeString(job, text.formatted(dir).replace("X: \"1\"", "X: \"2\""));
        assertEquals(Map.of("here", "runs: env changed"), explain(job));
        Files.writeString(job, text.formatted(dir.resolve("sub")));
        assertEquals(Map.of("here", "runs: dir changed"), explain(job));
    }

    @Test
    void aDeclaredInputThatChangesReRunsOnlyItsItem() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "1\n");
        Files.writeString(data.resolve("b.txt"), "1\n2\n");
        Path job = job("inputs.groovy", """
                map 'count', over: ['a.txt', 'b.txt'], inputs: ['%s/${item}'], shell('wc -l < %s/${item}')
                """.formatted(data, data));
        ok(run(job));
        Files.writeString(data.resolve("b.txt"), "1\n2\n3\n");
        Files.setLastModifiedTime(data.resolve("b.txt"), FileTime.fromMillis(1_000_000));
        assertEquals(Map.of("count[a.txt]", "cached: unchanged since run " + onlyRun(job),
                "count[b.txt]", "runs: input " + data + "/b.txt changed"), explain(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("count[a.txt]", "cached", "count[b.txt]", "ok"), statuses(job));
    }

    @Test
    void addingAnItemRunsOnlyTheNewItemBecauseTheItemValueIsKeyedNotItsIndex() throws IOException {
        String text = "tasks:\n  each: { foreach: %s, shell: \"echo ${item}\" }\n";
        Path job = job("items.yaml", text.formatted("[b, c]"));
        ok(run(job));
        Files.writeString(job, text.formatted("[a, b, c]"));
        ok(run(job, "--resume"));
        assertEquals(Map.of("each[a]", "ok", "each[b]", "cached", "each[c]", "cached"), statuses(job));
    }

    @Test
    void anUpstreamThatReRunsWithTheSameResultLeavesItsDependentsCached() throws IOException {
        Path value = Files.writeString(dir.resolve("value"), "7");
        Path job = job("cutoff.groovy", """
                task 'read', cache: false, { new File('%s').text.trim() }
                task 'use', after: ['read'], { results.read + '!' }
                """.formatted(value));
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("read", "ok", "use", "cached"), statuses(job));
        Files.writeString(value, "8");
        ok(run(job, "--resume"));
        assertEquals(Map.of("read", "ok", "use", "ok"), statuses(job));
    }

    @Test
    void explainNamesWhyEachInstanceRuns() throws IOException {
        Path job = job("reasons.groovy", """
                task 'fetch', { 'body' }
                task 'conn', { new Object() }
                task 'notify', cache: false, { 'sent' }
                task 'shout', after: ['fetch'], { results.fetch.toUpperCase() }
                task 'fails', { throw new IOException('no') }
                """);
        assertEquals(Map.of("conn", "runs: no ok run before", "fails", "runs: no ok run before",
                "fetch", "runs: no ok run before", "notify", "runs: no ok run before",
                "shout", "runs: no ok run before"), explain(job));
        assertEquals(1, run(job).exitCode());
        Files.writeString(job, Files.readString(job) + "task 'fresh', { 1 }\n");
        Map<String, String> reasons = explain(job);
        assertEquals("runs: result not storable (java.lang.Object)", reasons.get("conn"));
        assertEquals("runs: cache: false", reasons.get("notify"));
        assertEquals("runs: no ok run before (it ended failed)", reasons.get("fails"));
        assertEquals("runs: no ok run before", reasons.get("fresh"));
        assertTrue(reasons.get("shout").startsWith("cached: "), reasons::toString);
        assertEquals("runs: --rerun", explain(job, "--rerun", "sh*").get("shout"));
    }

    /**
     * After an upstream that runs again, an instance that would be cached were that result unchanged is a "maybe";
     * one that runs for a reason of its own says that reason, whatever the upstream returns.
     */
    @Test
    void explainSaysAnUpstreamThatRunsAgainDecidesUnlessTheInstanceRunsAnyway() throws IOException {
        String text = """
                task 'fetch', cache: false, { 'body' }
                task 'shout', after: ['fetch'], { results.fetch.toUpperCase() }
                task 'count', after: ['fetch'], { results.fetch.size() }
                map 'each', after: ['fetch'], over: ['a', 'b'], { x -> x + results.fetch }
                """;
        Path job = job("decides.groovy", text);
        ok(run(job));
        Files.writeString(job, text.replace("results.fetch.size()", "results.fetch.size() + 0")
                + "task 'fresh', after: ['fetch'], { 1 }\n");
        assertEquals(Map.of("fetch", "runs: cache: false",
                "shout", "maybe: after 'fetch', which runs again: its result decides",
                "count", "runs: code changed",
                "each[a]", "maybe: after 'fetch', which runs again: its result decides",
                "each[b]", "maybe: after 'fetch', which runs again: its result decides",
                "fresh", "runs: no ok run before"), explain(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("fetch", "ok", "shout", "cached", "count", "ok", "each[a]", "cached", "each[b]", "cached",
                "fresh", "ok"), statuses(job));
    }

    @Test
    void anInstanceWhoseUpstreamResultChangedRunsAndItsJournalSaysWhy() throws IOException {
        Path value = Files.writeString(dir.resolve("v"), "1");
        Path job = job("result.groovy", """
                task 'fetch', cache: false, { new File('%s').text }
                task 'shout', after: ['fetch'], { results.fetch + '!' }
                """.formatted(value));
        ok(run(job));
        Files.writeString(value, "2");
        ok(run(job, "--resume"));
        JournalStore store = new JournalStore(dir.resolve("state"));
        List<String> runs = store.runs(job.toString());
        RecordedRun last = RecordedRun.read(store.journal(job.toString(), runs.get(1)));
        assertEquals("result of 'fetch' changed", last.ended().get("shout").why());
        assertEquals("cache: false", last.ended().get("fetch").why());
        assertEquals("2!", last.result(last.ended().get("shout"), store));
    }

    /** Writes the journal of a run (the newest) that died while {@code running} ran; returns its id. */
    private String diedWhileRunning(Path job, String running) throws IOException {
        String id = JournalStore.newRunId(java.time.Instant.now(), 1);
        Path journal = new JournalStore(dir.resolve("state")).journal(job.toString(), id);
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, """
                {"ev":"run","v":4,"run":"%s","job":"%s","pid":1}
                {"ev":"start","id":"%s","task":"%s","attempt":1}
                """.formatted(id, job, running, running));
        return id;
    }

    @Test
    void aJournalOfAnOlderFormatIsAClearRefusalToResumeAndALineOfTheLog() throws IOException {
        Path job = job("old.groovy", "task 'a', { 1 }\n");
        String id = JournalStore.newRunId(java.time.Instant.now(), 1);
        Path journal = new JournalStore(dir.resolve("state")).journal(job.toString(), id);
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, """
                {"ev":"run","v":2,"run":"%s","job":"%s","pid":1}
                {"ev":"end","id":"a","task":"a","status":"ok","attempts":1,"ms":1,"key":"%s","parts":0,"result":1}
                """.formatted(id, job, "7e".repeat(32)));
        CliRun refused = run(job, "--resume");
        assertEquals(2, refused.exitCode());
        assertEquals("jobrun: cannot resume: run " + id + " of " + job + " was written by an older jobrun (journal"
                + " format 2; this one reads format 4) and cannot be resumed; run the job without --resume once, and"
                + " later runs resume that one; nothing ran\n", refused.stderr());
        CliRun log = CliRun.of("log", "--journal", dir.resolve("state").toString(), job.toString());
        assertEquals(0, log.exitCode(), log.stderr());
        assertTrue(log.stdout().contains(id + "  written by an older jobrun (journal format 2; this one reads format 4)"),
                log.stdout());
        ok(run(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("a", "cached"), statuses(job));
    }

    @Test
    void aOnceTaskThatWasRunningWhenTheRunDiedStopsTheResumeUntilRerunOrMarkOk() throws IOException {
        for (String syntax : List.of("groovy", "yaml")) {
            Path job = syntax.equals("groovy") ? job("deploy.groovy", """
                    task 'deploy', once: true, shell('echo deployed')
                    task 'check', after: ['deploy'], { 'checked' }
                    """) : job("deploy.yaml", """
                    tasks:
                      deploy: { once: true, shell: echo deployed }
                      check: { after: [deploy], shell: echo checked }
                    """);
            String died = diedWhileRunning(job, "deploy");
            CliRun blocked = run(job, "--resume");
            assertEquals(2, blocked.exitCode(), syntax);
            assertEquals("jobrun: cannot resume: task 'deploy' was running when run " + died + " stopped"
                    + " and is marked once: its effect is unknown; pass --rerun deploy to run it again or --mark-ok"
                    + " deploy to treat it as done; nothing ran\n", blocked.stderr());
            ok(run(job, "--resume", "--mark-ok", "deploy"));
            assertEquals(Map.of("check", "ok", "deploy", "cached"), statuses(job));
            diedWhileRunning(job, "deploy");
            ok(run(job, "--resume", "--rerun", "deploy"));
            assertEquals(Map.of("check", "ok", "deploy", "ok"), statuses(job));
        }
    }

    /** A task whose own name has a '#' (as an item's id does) is found by its whole name, not as an item of another. */
    @Test
    void aOnceTaskNamedLikeAnItemThatWasRunningStopsTheResumeByItsWholeName() throws IOException {
        for (String syntax : List.of("groovy", "yaml")) {
            Path job = syntax.equals("groovy") ? job("hashed.groovy", """
                    task 'deploy#2', once: true, shell('echo deployed')
                    """) : job("hashed.yaml", """
                    tasks:
                      "deploy#2": { once: true, shell: echo deployed }
                    """);
            String died = diedWhileRunning(job, "deploy#2");
            CliRun blocked = run(job, "--resume");
            assertEquals(2, blocked.exitCode(), syntax + ": " + blocked.stdout());
            assertEquals("jobrun: cannot resume: task 'deploy#2' was running when run " + died + " stopped"
                    + " and is marked once: its effect is unknown; pass --rerun deploy#2 to run it again or --mark-ok"
                    + " deploy#2 to treat it as done; nothing ran\n", blocked.stderr());
            ok(run(job, "--resume", "--mark-ok", "deploy#2"));
            assertEquals(Map.of("deploy#2", "cached"), statuses(job));
        }
    }

    /**
     * A once task's start is on disk before its body runs, so a run killed at any moment after leaves its record: the
     * command finds its own start line in the journal (held back for its window, as other starts are, it would not).
     */
    @Test
    void aOnceTasksStartIsOnDiskBeforeItsBodyRuns() throws IOException {
        for (String syntax : List.of("groovy", "yaml")) {
            String journals = dir.resolve("state").resolve("runs") + "/onrecord." + syntax + "-*/*.jsonl";
            Path job = syntax.equals("groovy") ? job("onrecord.groovy", """
                    task 'deploy', once: true, shell('grep -q \\'"ev":"start","id":"deploy"\\' %s')
                    """.formatted(journals)) : job("onrecord.yaml", """
                    tasks:
                      deploy: { once: true, shell: "grep -q '\\"ev\\":\\"start\\",\\"id\\":\\"deploy\\"' %s" }
                    """.formatted(journals));
            ok(run(job));
            assertEquals(Map.of("deploy", "ok"), statuses(job), syntax);
        }
    }

    @Test
    void aTaskWithoutOnceThatWasRunningSimplyRunsAgain() throws IOException {
        Path job = job("plain.yaml", "tasks:\n  build: { shell: echo built }\n");
        String died = diedWhileRunning(job, "build");
        assertEquals(Map.of("build", "runs: it was running when run " + died + " stopped"), explain(job));
        ok(run(job, "--resume"));
        assertEquals(Map.of("build", "ok"), statuses(job));
    }

    @Test
    void aJournalTornByACrashResumesFromWhatReachedTheDisk() throws IOException {
        Path job = job("torn.yaml", "tasks:\n  each: { foreach: [a, b, c], shell: \"echo ${item}\" }\n");
        ok(run(job));
        JournalStore store = new JournalStore(dir.resolve("state"));
        Path journal = store.journal(job.toString(), store.runs(job.toString()).get(0));
        List<String> lines = Files.readAllLines(journal);
        int lastEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"ev\":\"end\"")) {
                lastEnd = i;
            }
        }
        String torn = String.join("\n", lines.subList(0, lastEnd)) + "\n" + lines.get(lastEnd).substring(0, 40);
        Files.writeString(journal, torn);
        String tornTask = lines.get(lastEnd).replaceAll(".*\"task\":\"([^\"]*)\".*", "$1");
        ok(run(job, "--resume"));
        Map<String, String> statuses = statuses(job);
        assertEquals("ok", statuses.remove(tornTask), tornTask + " ran again");
        assertEquals(List.of("cached", "cached"), List.copyOf(statuses.values()));
    }

    @Test
    void resumeWithNothingToResumeSaysSoAndRunsNothing() throws IOException {
        Path job = job("never.yaml", "tasks:\n  a: { shell: echo a }\n");
        CliRun refused = run(job, "--resume");
        assertEquals(2, refused.exitCode());
        assertEquals("jobrun: cannot resume: no run of " + job + " to resume in " + dir.resolve("state")
                + " (run it once without --resume); nothing ran\n", refused.stderr());
        ok(run(job));
        CliRun named = run(job, "--resume", "20000101T000000.000Z-9");
        assertEquals(2, named.exitCode());
        assertTrue(named.stderr().contains("no run 20000101T000000.000Z-9 of " + job), named.stderr());
    }

    @Test
    void timeLimitsRetriesAndExecutorsAreNotInTheKey() throws IOException {
        String text = "executor 'io', threads(2)\ntask 'a', %s{ 1 }\n";
        Path job = job("options.groovy", text.formatted(""));
        ok(run(job));
        Files.writeString(job, text.formatted("on: 'io', timeout: '1m', retries: 3, backoff: '1s', "));
        ok(run(job, "--resume"));
        assertEquals(Map.of("a", "cached"), statuses(job));
    }

    @Test
    void aCapturedValueThatCannotBeEncodedMakesItsTaskNotReusableAndSaysWhich() throws IOException {
        Path job = job("socket.groovy", "def lock = new Object()\ntask 'a', { lock.hashCode() > 0 ? 1 : 1 }\n");
        ok(run(job));
        assertEquals(Map.of("a", "runs: captured value 'lock' cannot be encoded (java.lang.Object)"), explain(job));
    }

    @Test
    void withCacheContentAnInputIsComparedByItsBytes() throws IOException {
        Path data = Files.writeString(dir.resolve("data.txt"), "aaa");
        FileTime time = FileTime.fromMillis(5_000_000);
        Files.setLastModifiedTime(data, time);
        Path job = job("content.yaml", """
                tasks:
                  stat: { inputs: %s, shell: cat %s }
                  bytes: { inputs: %s, cache: content, shell: cat %s }
                """.formatted(data, data, data, data));
        ok(run(job));
        Files.writeString(data, "bbb");
        Files.setLastModifiedTime(data, time);
        ok(run(job, "--resume"));
        assertEquals(Map.of("bytes", "ok", "stat", "cached"), statuses(job));
    }

    @Test
    void aResultTooLargeForALineIsStoredApartAndStillFeedsLaterTasks() throws IOException {
        Path job = job("large.groovy", """
                task 'big', { 'x' * 70000 }
                task 'size', after: ['big'], cache: false, { results.big.size() }
                """);
        ok(run(job));
        try (var files = Files.list(dir.resolve("state/results"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".json")).count());
        }
        ok(run(job, "--resume"));
        assertEquals(Map.of("big", "cached", "size", "ok"), statuses(job));
        JournalStore store = new JournalStore(dir.resolve("state"));
        RecordedRun last = RecordedRun.read(store.journal(job.toString(), store.runs(job.toString()).get(1)));
        assertEquals(70000, last.result(last.ended().get("size"), store));
    }

    @Test
    void aRunStillAliveOrAnotherResumeInProgressCannotBeResumed() throws IOException {
        Path job = job("live.yaml", "tasks:\n  a: { shell: echo a }\n");
        ok(run(job));
        JournalStore store = new JournalStore(dir.resolve("state"));
        String id = store.runs(job.toString()).get(0);
        try (var channel = java.nio.channels.FileChannel.open(store.journal(job.toString(), id),
                java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
            CliRun refused = run(job, "--resume");
            assertEquals(2, refused.exitCode());
            assertTrue(refused.stderr().contains("run " + id + " of " + job + " is still running"), refused.stderr());
        }
        try (var channel = java.nio.channels.FileChannel.open(store.jobDirectory(job.toString())
                .resolve("resume.lock"), java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
            CliRun refused = run(job, "--resume");
            assertEquals(2, refused.exitCode());
            assertTrue(refused.stderr().contains("another run of " + job + " is resuming it now"), refused.stderr());
        }
        CliRun named = run(job, "--resume", id);
        ok(named);
        assertEquals(Map.of("a", "cached"), statuses(job));
    }
}
