package io.jobrun.job.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jobrun.job.text.Excerpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values in a shell command reach {@code /bin/sh} as data wherever they stand: each test runs the rendered command
 * with values written to break out (quotes, command substitutions, newlines, here-document delimiters) and checks
 * what the shell printed and that nothing ran.
 */
class ShellTemplateTests {
    @TempDir
    Path temp;

    /** Values that would run {@code touch} if the shell parsed them; each names its own file. */
    private List<String> hostile() {
        return List.of("hi; touch " + temp.resolve("semicolon"), "$(touch " + temp.resolve("substitution") + ")",
                "`touch " + temp.resolve("backticks") + "`", "a' ; touch " + temp.resolve("single") + " ; '",
                "a\" ; touch " + temp.resolve("double") + " ; \"", "x\ntouch " + temp.resolve("newline"),
                "EOF\ntouch " + temp.resolve("heredoc") + "\nEOF", "* ? [a] ~ {a,b} | & > " + temp.resolve("redirect"));
    }

    private String run(String template, Object item) throws IOException, InterruptedException {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("item", item);
        roots.put("params", Map.of("flag", "-n"));
        ShellTemplate.Rendered rendered = ShellTemplate.parse(template).render(roots, Set.of());
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", rendered.command()).directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(rendered.variables());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private void assertNothingRan() throws IOException {
        try (var files = Files.list(temp)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"printf '[%s]' ${item}", "printf '[%s]' \"${item}\"", "printf '[%s]' '${item}'",
        "printf '[%s]' \"$(printf '%s' ${item})\"", "printf '[%s]' \"`printf '%s' ${item}`\"",
        "printf '[%s]' \"a${item}b\" | sed 's/^\\[a/[/; s/b\\]$/]/'"})
    void aValueIsOneWordWhereverItStands(String template) throws Exception {
        for (String value : hostile()) {
            if (template.contains("`") && value.contains("`")) {
                continue;  // a backquoted command substitution cannot hold backquotes; $(...) can
            }
            assertEquals("[" + value + "]", run(template, value), template);
        }
        assertNothingRan();
    }

    @Test
    void aHereDocumentCarriesTheValueAndItsDelimiterCannotEndIt() throws Exception {
        for (String value : hostile()) {
            assertEquals(value + "\n", run("cat <<EOF\n${item}\nEOF\n", value));
            assertEquals(value + "\n", run("cat <<-EOF\n\t${item}\n\tEOF\n", value));
        }
        assertNothingRan();
    }

    @Test
    void aValueInACommentCannotEndTheComment() throws Exception {
        for (String value : hostile()) {
            assertEquals("hi\n", run("echo hi # ${item}", value));
        }
        assertNothingRan();
    }

    @Test
    void aListOutsideQuotesIsOneWordPerItemAndOneWordInsideQuotes() throws Exception {
        List<String> items = List.of("a b", "c; touch " + temp.resolve("list"), "");
        assertEquals("[a b][c; touch " + temp.resolve("list") + "][]", run("printf '[%s]' ${item}", items));
        assertEquals("[a b c; touch " + temp.resolve("list") + " ]", run("printf '[%s]' \"${item}\"", items));
        assertEquals("[]", run("printf '[%s]' ${item}", List.of()));
        assertNothingRan();
    }

    /** A matrix's item: its entries as key=value, a word each outside quotes (as env or make take them). */
    @Test
    void aMapIsOneKeyEqualsValueWordPerEntryOutsideQuotesAndOneWordInsideQuotes() throws Exception {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("os", "linux; touch " + temp.resolve("map"));
        item.put("py", "3.11");
        assertEquals("[os=linux; touch " + temp.resolve("map") + "][py=3.11]", run("printf '[%s]' ${item}", item));
        assertEquals("[os=linux; touch " + temp.resolve("map") + " py=3.11]", run("printf '[%s]' \"${item}\"", item));
        assertEquals("py=3.11\n", run("env -i ${item} sh -c 'echo py=$py'", item));
        assertNothingRan();
    }

    @Test
    void rawPastesTheValueAsCode() throws Exception {
        assertEquals("pasted", run("echo ${raw(params.flag)} pasted", null));
        assertEquals("$(touch x)\n", run("echo '${raw(item)}'", "$(touch x)"));
        assertEquals(List.of("raw(params.flag)"), ShellTemplate.parse("echo ${raw(params.flag)} ${item}")
                .rawExpressions().stream().map(Expression::text).toList());
    }

    @Test
    void theCommandRefersToVariablesNotTakenByTheTasksOwnEnvironment() {
        ShellTemplate.Rendered rendered = ShellTemplate.parse("echo ${item} \"${item}\" '${item}'")
                .render(Map.of("item", "x"), Set.of("JOBRUN_VALUE_1"));
        assertEquals("echo \"${JOBRUN_VALUE_2}\" \"${JOBRUN_VALUE_3}\" ''\"${JOBRUN_VALUE_4}\"''", rendered.command());
        assertEquals(Map.of("JOBRUN_VALUE_2", "x", "JOBRUN_VALUE_3", "x", "JOBRUN_VALUE_4", "x"),
                rendered.variables());
    }

    @Test
    void placesWhereNoVariableCanCarryAValueAreRefusedWhenTheCommandIsRead() {
        ExpressionException literal = assertThrows(ExpressionException.class,
                () -> ShellTemplate.parse("cat <<'EOF'\n${item}\nEOF"));
        assertEquals("${item} stands in a here-document whose delimiter is quoted, where nothing is expanded; unquote "
                + "the delimiter (<<EOF) to pass the value", literal.getMessage());
        ExpressionException backslash = assertThrows(ExpressionException.class,
                () -> ShellTemplate.parse("echo \\${item}"));
        assertEquals("${item} follows a backslash, which would escape the quote jobrun puts around the value; remove "
                + "the backslash (write $${ for a literal ${)", backslash.getMessage());
        assertEquals(14, literal.offset());
    }

    @Test
    void onlyAWholeNumberMayStandInArithmeticAndItIsWrittenAsItIs() throws Exception {
        assertEquals("43 [42]\n", run("echo $(( ${item} + 1 )) \"[$((${item}))]\"", " 42"));
        assertEquals("-2\n", run("echo $(( ${item} ))", -2));
        for (String value : List.of("a[$(touch " + temp.resolve("arithmetic") + ")]", "1 + 1", "x", "", "1.5")) {
            ExpressionException e = assertThrows(ExpressionException.class,
                    () -> run("echo $(( ${item} + 1 ))", value));
            assertEquals("the value " + Excerpt.of(value.strip()) + " stands inside $((...)), "
                    + "where only a whole number may (bash would evaluate other text as arithmetic, which can run "
                    + "commands)", e.getMessage());
        }
        assertNothingRan();
    }

    @Test
    void aValueWithANulCharacterFailsTheAttemptWithAPlainMessage() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> ShellTemplate.parse("echo ${item}").render(Map.of("item", "a\0b"), Set.of()));
        assertEquals("a value holds a NUL character, which no command can receive", e.getMessage());
    }

    @Test
    void aGroovyStringsValuesBecomeVariablesReferredToInTemplateText() throws Exception {
        ShellTemplate.Rendered template = ShellTemplate.template(List.of("printf '[%s]' ", " '", "' ${item}"),
                List.of("a; b", new ShellTemplate.Raw("-n")));
        assertEquals("printf '[%s]' \"$${JOBRUN_VALUE_1}\" '-n' ${item}", template.command());
        assertEquals(Map.of("JOBRUN_VALUE_1", "a; b"), template.variables());
        assertFalse(ShellTemplate.parse(template.command()).render(Map.of("item", "c"), template.variables().keySet())
                .variables().containsKey("JOBRUN_VALUE_1"));
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> ShellTemplate.template(List.of("echo $((", "))"), List.of("one")));
        assertEquals(-1, e.offset());
    }
}
