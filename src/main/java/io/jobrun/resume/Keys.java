package io.jobrun.resume;

import io.jobrun.job.CacheMode;
import io.jobrun.job.CodeIdentity;
import io.jobrun.job.Job;
import io.jobrun.job.Rendering;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import io.jobrun.job.expr.ShellTemplate;
import io.jobrun.journal.Digests;
import io.jobrun.journal.InstanceKey;
import io.jobrun.json.Json;
import io.jobrun.journal.StoredValues;
import io.jobrun.run.InstanceId;
import io.jobrun.run.TaskInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of each declared task instance (see {@code dsl/README.md}, "The key"): a 128-bit hash ({@link Murmur3}) of
 * a canonical, length-prefixed encoding of the key format's version; the task's kind and name and its fan-out item's
 * value; its body (a closure's text, the file's helpers, its captured values and the parameters; a shell command as
 * rendered, its env and dir; a script's code, call, arguments and grants; an HTTP request with its headers as keyed
 * hashes); the files it declares as inputs; and the hash of each upstream result it sees. A part that cannot be
 * encoded makes the instance not reusable, and the key says why: the other parts are never hashed alone.
 *
 * <p>Asked on the interpreter's thread as each instance first launches; what depends only on the spec is worked out
 * once per spec, so a 100,000-item fan-out costs, per item, a copy of the spec's hash state (six numbers) and the hash
 * of the item. The keys made are kept for the journal, which reads them on its own thread ({@link #apply}). When
 * nothing is decided by a key (a run that resumes nothing, {@link #prepare}), the key of an instance whose only own
 * part is an immutable item is made there instead, from the spec's shared part and the item, which are the same then
 * as at its launch: a 100,000-item fan-out of a closure then costs the interpreter's thread nothing per item.
 */
public final class Keys implements Function<TaskInstance, InstanceKey> {
    /** Bump on any change to what a key holds: every instance then runs once again, by design. */
    static final String FORMAT = "jobrun-key/2";

    private final Job job;
    private final byte[] secret;
    /** The key format's version hashed first into every key: {@link #FORMAT} but in tests. */
    private final String format;
    /**
     * The part of each spec's key its instances share: made on the interpreter's thread, read by the journal's too
     * ({@link #apply}); never changed once made (an instance's key goes on from a copy).
     */
    private final Map<String, KeyParts> specs = new ConcurrentHashMap<>();
    /** Each upstream's result hash (or why it has none) by task name; the interpreter's thread only. */
    private final Map<String, String[]> resultHashes = new HashMap<>();
    private final Map<InstanceId, InstanceKey> made = new ConcurrentHashMap<>();
    /** The parts of the keys {@link #apply} makes, reused for each; guarded by itself. */
    private final KeyParts laterParts = new KeyParts(Map.of());

    /** @param secret keys the hashes of HTTP header values, so that a journal never holds a guessable digest */
    /** The variables of the run's env files, which {@code ${env.NAME}} in a template reads. */
    private Map<String, String> environment = Map.of();

    /** The variables of the run's env files, for templates that read {@code ${env.NAME}}. */
    public Keys environment(Map<String, String> added) {
        this.environment = Map.copyOf(added);
        return this;
    }

    public Keys(Job job, byte[] secret) {
        this(job, secret, FORMAT);
    }

    /** Keys of another format's version, to show that a key of one version never matches one of another. */
    Keys(Job job, byte[] secret, String format) {
        this.job = job;
        this.secret = secret.clone();
        this.format = format;
    }

    /**
     * The key of {@code instance} in this run, or null when none was asked for: the one made by {@link #key}, or one
     * that {@link #prepare} left to be made now. Safe from any thread.
     */
    @Override
    public InstanceKey apply(TaskInstance instance) {
        InstanceKey key = made.get(instance.id());
        if (key != null) {
            return key;
        }
        KeyParts shared = instance.spec() == null ? null : specs.get(instance.spec().name());
        if (shared == null || !madeLater(instance)) {
            return null;
        }
        synchronized (laterParts) {
            return finish(instance, shared.goOn(laterParts));
        }
    }

    /**
     * Makes sure {@code instance} has a key for the journal, when nothing is decided by it: made now, or left to be
     * made when the journal asks ({@link #apply}) when it depends on nothing but the spec's shared part and an
     * immutable item. Takes what {@link #key} takes.
     */
    public void prepare(TaskInstance instance, Object input, Map<String, Object> results) {
        TaskSpec spec = instance.spec();
        if (!madeLater(instance)) {
            key(instance, input, results);
            return;
        }
        shared(spec, results);
    }

    /**
     * Whether the key of {@code instance} can be made at any time, the same as at its launch: its body is not
     * rendered per instance, it declares no input files, and its item (if any) cannot change.
     */
    private static boolean madeLater(TaskInstance instance) {
        // NOTE: instanceof, not a type switch, which spins a class at its first use, in every run's start-up.
        Object item = instance.item();
        return !ownParts(instance.spec()) && (item == null || item instanceof Integer || item instanceof Long
                || item instanceof String || item instanceof Boolean);
    }

    /** Whether instances of {@code spec} have parts of their own besides the item (a body rendered, input files). */
    private static boolean ownParts(TaskSpec spec) {
        return spec.body() instanceof TaskBody.Templated || !spec.caching().inputs().isEmpty()
                || spec.body() instanceof TaskBody.Script script && !script.templates().isEmpty();
    }

    /**
     * The key of {@code instance}, given what it sees of its upstreams; kept for the journal.
     *
     * @param input   its fan-out item, or for a {@code then} stage the result before it
     * @param results the results of the tasks it runs after, directly or through others
     */
    public InstanceKey key(TaskInstance instance, Object input, Map<String, Object> results) {
        TaskSpec spec = instance.spec();
        KeyParts shared = shared(spec, results);
        boolean ownParts = ownParts(spec);
        KeyParts parts = ownParts ? shared.forkWithOwnParts() : shared.fork();
        if (ownParts && parts.notReusableReason() == null) {
            // NOTE: only a body rendered per instance reads the roots; a closure's 100,000 items need none.
            own(spec, Rendering.roots(job.params(), input, results, environment), parts);
        }
        InstanceKey key = finish(instance, parts);
        made.put(instance.id(), key);
        return key;
    }

    /** The key from {@code parts}, the instance's own parts added but for its item, which this adds. */
    private static InstanceKey finish(TaskInstance instance, KeyParts parts) {
        if (parts.notReusableReason() == null && instance.spec().fansOut()) {
            parts.addUnnamed("item", instance.item());
        }
        return parts.key();
    }

    /** The parts every instance of {@code spec} shares, made at its first instance. */
    private KeyParts shared(TaskSpec spec, Map<String, Object> results) {
        KeyParts known = specs.get(spec.name());
        // NOTE: looked up first: computeIfAbsent would make a lambda for each of a fan-out's 100,000 instances.
        return known != null ? known : specs.computeIfAbsent(spec.name(), name -> sharedParts(spec, results));
    }

    private KeyParts sharedParts(TaskSpec spec, Map<String, Object> results) {
        KeyParts parts = new KeyParts(new LinkedHashMap<>());
        parts.addUnnamed("format", format);
        if (!spec.caching().reusable()) {
            return parts.notReusable("cache: false");
        }
        parts.add("task", List.of(kind(spec.body()), spec.name()));
        switch (spec.body()) {
            case TaskBody.Code code -> {
                CodeIdentity identity = code.code().identity().orElse(null);
                if (identity == null) {
                    return parts.notReusable("its code has no source text to compare");
                }
                parts.add("code", identity.source()).add("helpers", identity.helpers());
                identity.captured().forEach((name, value) -> parts.add("captured value '" + name + "'", value));
                parts.add("params", job.params());
            }
            case TaskBody.Shell shell -> parts.add("command", Arrays.asList(shell.command(), Map.of()))
                    .add("env", shell.env()).add("dir", shell.directory());
            case TaskBody.Http http -> request(http, parts);
            case TaskBody.Script script -> {
                parts.add("script", Arrays.asList(script.language(), script.code(), script.call(), script.allow()));
                if (script.templates().isEmpty()) {
                    parts.add("args", script.args());
                }
                parts.add("params", script.params());
            }
            case TaskBody.Templated ignored -> {
                // rendered for each instance
            }
            case TaskBody.Custom custom -> parts.notReusable("task kind '" + custom.kind() + "' has no key");
        }
        for (String upstream : new TreeSet<>(results.keySet())) {
            String[] hash = resultHashes.computeIfAbsent(upstream, name -> resultHash(results.get(name)));
            if (hash[1] != null) {
                return parts.notReusable("result of '" + upstream + "' not storable (" + hash[1] + ")");
            }
            parts.add("result of '" + upstream + "'", hash[0]);
        }
        return parts;
    }

    /** The parts of one instance: its rendered body and its input files. */
    private void own(TaskSpec spec, Map<String, Object> roots, KeyParts parts) {
        try {
            if (spec.body() instanceof TaskBody.Templated templated) {
                switch (templated.body()) {
                    case TaskBody.Shell shell -> {
                        // NOTE: the command's values travel in variables of their own; they are the command's part,
                        // not the declared env's, so that --explain says which one changed.
                        Map<String, String> env = Rendering.renderAll(shell.env(), roots);
                        ShellTemplate.Rendered command = ShellTemplate.parse(shell.command()).render(roots,
                                env.keySet());
                        parts.add("command", Arrays.asList(command.command(), new java.util.TreeMap<>(
                                command.variables()))).add("env", env)
                                .add("dir", shell.directory() == null ? null
                                        : Rendering.text(shell.directory(), roots));
                    }
                    case TaskBody.Http http -> request(Rendering.http(http, roots), parts);
                    default -> parts.notReusable("its body cannot be rendered for a key");
                }
            } else if (spec.body() instanceof TaskBody.Script script && !script.templates().isEmpty()) {
                List<Object> args = new ArrayList<>(script.args());
                script.templates().forEach((path, text) -> args.set(Integer.parseInt(path.substring(5)),
                        Rendering.text(text, roots)));
                parts.add("args", args);
            }
            for (String input : spec.caching().inputs()) {
                String path = Rendering.text(input, roots);
                parts.add("input " + path, inputFile(Path.of(path), spec.caching().mode()));
            }
        } catch (RuntimeException e) {
            parts.notReusable("cannot render it: " + e.getMessage());
        }
    }

    private void request(TaskBody.Http http, KeyParts parts) {
        parts.add("request", Arrays.asList(http.method(), http.url(), http.body(), http.expect()));
        Map<String, String> headers = new java.util.TreeMap<>();
        http.headers().forEach((name, value) -> headers.put(name, hmac(value)));
        parts.add("headers", headers);
    }

    private static String kind(TaskBody body) {
        return switch (body) {
            case TaskBody.Code ignored -> "code";
            case TaskBody.Shell ignored -> "shell";
            case TaskBody.Http ignored -> "http";
            case TaskBody.Script ignored -> "script";
            case TaskBody.Templated templated -> kind(templated.body());
            case TaskBody.Custom custom -> custom.kind();
        };
    }

    /** A declared input: its size and modification time, or with {@code cache: content} its bytes' SHA-256. */
    private static Object inputFile(Path path, CacheMode mode) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (mode == CacheMode.CONTENT) {
                return "sha256:" + Digests.sha256(Files.readAllBytes(path));
            }
            return List.of(attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return "missing";
        }
    }

    private static String[] resultHash(Object value) {
        try {
            return new String[] {Digests.sha256(Json.canonical(StoredValues.encode(value))), null};
        } catch (StoredValues.NotStorable e) {
            return new String[] {null, e.getMessage()};
        }
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
