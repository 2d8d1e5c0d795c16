package io.jobrun.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.TaskKind;
import io.jobrun.task.TaskRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** dsl/README.md documents every registered kind and option, in both spellings. */
class DocumentationTests {
    private static final Path README = Path.of("dsl/README.md");

    @Test
    void theReferenceListsEveryExecutorKindAndOptionInBothSyntaxes() throws IOException {
        String readme = Files.readString(README);
        for (ExecutorKind kind : ExecutorRegistry.STANDARD.all()) {
            assertTrue(readme.contains("| `" + kind.name() + "(N)` / `" + snake(kind.name()) + ": N` |"),
                    kind.name() + " is missing from the table of executor kinds");
            for (OptionSpec option : kind.options()) {
                assertTrue(readme.contains("`" + option.name() + "` / `" + snake(option.name()) + "`"),
                        kind.name() + " option " + option.name() + " is missing");
            }
        }
    }

    @Test
    void theReferenceListsEveryTaskKindAndOptionInBothSyntaxes() throws IOException {
        String readme = Files.readString(README);
        for (TaskKind kind : TaskRegistry.STANDARD.all()) {
            assertTrue(readme.contains("| `" + kind.name() + "(" + String.join(", ", kind.positional()) + ")` / `"
                    + snake(kind.name()) + ":`"), kind.name() + " is missing from the table of task kinds");
            for (OptionSpec option : kind.options()) {
                assertTrue(readme.contains("`" + option.name() + "` / `" + snake(option.name()) + "`"),
                        kind.name() + " option " + option.name() + " is missing");
            }
        }
    }

    @Test
    void theEditorDescriptorOffersEveryKindWithItsOptions() throws IOException {
        String gdsl = Files.readString(Path.of("dsl/jobrun.gdsl"));
        java.util.List<Object> kinds = new java.util.ArrayList<>(ExecutorRegistry.STANDARD.all());
        kinds.addAll(TaskRegistry.STANDARD.all());
        for (Object each : kinds) {
            String name = each instanceof ExecutorKind kind ? kind.name() : ((TaskKind) each).name();
            java.util.List<OptionSpec> options = each instanceof ExecutorKind kind ? kind.options()
                    : ((TaskKind) each).options();
            java.util.regex.Matcher entry = java.util.regex.Pattern.compile("\\b" + name + "\\s*:(.*)").matcher(gdsl);
            assertTrue(entry.find(), name + " is missing from dsl/jobrun.gdsl");
            String line = entry.group(1);
            for (OptionSpec option : options) {
                assertTrue(line.contains(option.name()), name + " option " + option.name() + " is missing");
            }
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
