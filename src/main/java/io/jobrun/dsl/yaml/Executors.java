package io.jobrun.dsl.yaml;

import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds one entry of {@code executors:}, {@code io: { threads: 8, leak_grace: 1s }}: exactly one kind key with the
 * number of workers, and the options that kind declares, all taken from the registry of executor kinds.
 */
final class Executors {
    /** The kind of an executor that could not be bound; validation knows it is there and says nothing more. */
    static final String STAND_IN = "threads";

    private final Binding binding;
    /** The registered kinds by their YAML keys. */
    private final Map<String, ExecutorKind> kinds = new LinkedHashMap<>();

    Executors(Binding binding) {
        this.binding = binding;
        for (ExecutorKind kind : binding.kinds.executors().all()) {
            kinds.put(Spelling.snake(kind.name()), kind);
        }
    }

    /** The executor written at {@code entry}, or null after reporting why it cannot be one. */
    ExecutorSpec bind(YamlMap.Entry entry) {
        String what = "executor '" + entry.key() + "'";
        YamlMap map = YamlMap.of(entry.value(), what, binding);
        if (map == null) {
            return null;
        }
        List<YamlMap.Entry> kindEntries = map.entries().stream().filter(e -> kinds.containsKey(e.key())).toList();
        if (kindEntries.size() != 1) {
            boolean misspelt = reportUnknownKeys(map, allOptionKeys());
            if (!misspelt || !kindEntries.isEmpty()) {
                binding.problem(entry.value(), what + " needs exactly one kind with its number of workers: "
                        + examples() + (kindEntries.isEmpty() ? "" : "; got "
                        + String.join(" and ", kindEntries.stream().map(YamlMap.Entry::key).toList())));
            }
            return null;
        }
        YamlMap.Entry kindEntry = kindEntries.get(0);
        ExecutorKind kind = kinds.get(kindEntry.key());
        Map<String, Object> options = options(map, kindEntry, kind);
        Integer workers = Scalars.wholeNumber(kindEntry.value(), kindEntry.key(), binding);
        if (workers == null || options == null) {
            return null;
        }
        return new ExecutorSpec(entry.key(), kind.name(), workers, options, binding.at(entry.keyNode()));
    }

    /** The options besides the kind, converted to their declared types; null after a problem. */
    private Map<String, Object> options(YamlMap map, YamlMap.Entry kindEntry, ExecutorKind kind) {
        Map<String, OptionSpec> declared = new LinkedHashMap<>();
        kind.options().forEach(option -> declared.put(Spelling.snake(option.name()), option));
        Map<String, Object> options = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlMap.Entry entry : map.entries()) {
            if (entry == kindEntry) {
                continue;
            }
            OptionSpec option = declared.get(entry.key());
            if (option == null) {
                binding.problem(entry.keyNode(), Suggestions.unknownExecutorOption(kindEntry.key(), entry.key(),
                        declared.keySet()));
                ok = false;
                continue;
            }
            try {
                options.put(option.name(), option.convert(Scalars.plain(entry.value()), entry.key()));
            } catch (OptionValueException e) {
                binding.problem(entry.value(), e.getMessage());
                ok = false;
            }
        }
        return ok ? options : null;
    }

    /**
     * Reports each key that is neither a kind nor an option of any kind: a key near a kind's name is taken for a
     * misspelt kind. Returns whether there was one.
     */
    private boolean reportUnknownKeys(YamlMap map, List<String> optionKeys) {
        boolean found = false;
        for (YamlMap.Entry entry : map.entries()) {
            if (kinds.containsKey(entry.key()) || optionKeys.contains(entry.key())) {
                continue;
            }
            found = true;
            boolean nearAnOption = Suggestions.closest(entry.key(), optionKeys).isPresent();
            binding.problem(entry.keyNode(), nearAnOption ? Suggestions.unknown("executor option", entry.key(),
                    optionKeys) : Suggestions.unknown("executor kind", entry.key(), kinds.keySet()));
        }
        return found;
    }

    private List<String> allOptionKeys() {
        List<String> keys = new ArrayList<>();
        for (ExecutorKind kind : kinds.values()) {
            for (OptionSpec option : kind.options()) {
                String key = Spelling.snake(option.name());
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** "threads: 8, virtual_threads: 8 or processes: 8". */
    private String examples() {
        List<String> examples = new ArrayList<>();
        kinds.keySet().forEach(key -> examples.add(key + ": 8"));
        if (examples.size() == 1) {
            return examples.get(0);
        }
        return String.join(", ", examples.subList(0, examples.size() - 1)) + " or " + examples.get(examples.size() - 1);
    }
}
