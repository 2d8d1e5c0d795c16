package io.jobrun.job.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTests {
    private static Map<String, Object> roots() {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("params", Map.of("base", "http://127.0.0.1:8080"));
        roots.put("item", "/status/200");
        roots.put("results", Map.of("check", List.of("a", "b", "c"), "name", " Ada ",
                "fetch", (ExpressionValue) () -> Map.of("status", 200)));
        return roots;
    }

    private static String render(String text) {
        return Template.parse(text).render(roots());
    }

    @Test
    void paramsAndItemAreSubstitutedIntoText() {
        assertEquals("GET http://127.0.0.1:8080/status/200", render("GET ${params.base}${item}"));
    }

    @Test
    void methodsOfTheFixedListApply() {
        assertEquals("checked 3 urls", render("checked ${results.check.size()} urls"));
        assertEquals("Ada|ADA|a", render("${results.name.trim()}|${results.name.trim().upper()}|${results.check[0]}"));
        assertEquals("a, b, c|c", render("${results.check.join(', ')}|${results.check.last()}"));
    }

    @Test
    void aListRendersAsItsItemsSeparatedBySpaces() {
        assertEquals("grep x a b c", render("grep x ${results.check}"));
    }

    @Test
    void expressionValuesShowOnlyTheirListedProperties() {
        assertEquals("200", render("${results.fetch.status}"));
        ExpressionException e = assertThrows(ExpressionException.class, () -> render("${results.fetch.getClass}"));
        assertEquals("${results.fetch.getClass}: results.fetch has no 'getClass' (it has status)", e.getMessage());
    }

    @Test
    void aDollarWithoutABraceAndAnEscapedBraceStayLiteral() {
        assertEquals("echo $HOME ${HOME}", render("echo $HOME $${HOME}"));
    }

    @Test
    void anUnknownMethodIsRefusedWhenReadWithADidYouMean() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Template.parse("${results.check.sise()}"));
        assertEquals("unknown method 'sise()': an expression may call only size(), trim(), upper(), lower(), lines(), "
                + "first(), last(), join(), keys() (did you mean 'size'?)", e.getMessage());
        assertEquals(16, e.offset());
    }

    @Test
    void aListedMethodOnTheWrongKindOfValueSaysWhatTheValueHas() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> render("${results.check.upper()}"));
        assertEquals("${results.check.upper()}: results.check is a list, which has no method 'upper()' (it has "
                + "size(), first(), last(), join())", e.getMessage());
    }

    @Test
    void aMethodsArgumentsAreCountedWhenRead() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Template.parse("${item.trim(1)}"));
        assertEquals("trim() takes no arguments, got 1", e.getMessage());
    }

    @Test
    void anUnknownRootNamesTheKnownOnes() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> render("${parms.base}"));
        assertEquals("${parms.base}: unknown name 'parms' (expected params, item or results) (did you mean 'params'?)",
                e.getMessage());
    }

    @Test
    void anIndexOutOfRangeSaysHowLongTheListIs() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> render("${results.check[5]}"));
        assertEquals("${results.check[5]}: results.check[5] is out of range: the list has 3 items", e.getMessage());
    }

    @Test
    void syntaxErrorsGiveTheOffsetOfTheProblem() {
        ExpressionException unclosed = assertThrows(ExpressionException.class, () -> Template.parse("a ${item"));
        assertEquals("'${' is not closed (expected '}'; write $${ for a literal ${)", unclosed.getMessage());
        assertEquals(2, unclosed.offset());
        ExpressionException bad = assertThrows(ExpressionException.class, () -> Template.parse("${item + 1}"));
        assertEquals("unexpected '+' (expected '.', '[' or the closing '}')", bad.getMessage());
        assertEquals(7, bad.offset());
    }

    @Test
    void nothingButTheListedMethodsCanBeCalledNotEvenOnce() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Template.parse("echo ${item.getClass().forName('java.lang.Runtime')}"));
        assertEquals("unknown method 'getClass()': an expression may call only size(), trim(), upper(), lower(), "
                + "lines(), first(), last(), join(), keys()", e.getMessage());
        assertEquals(12, e.offset());
    }

    @Test
    void rawWrapsOnePathAndNothingElse() {
        assertEquals("/status/200", render("${raw(item)}"));
        assertEquals(List.of(true, false), Template.parse("${raw(item.trim())} ${item}").expressions().stream()
                .map(Expression::raw).toList());
        ExpressionException e = assertThrows(ExpressionException.class, () -> Template.parse("${raw(item) x}"));
        assertEquals("unexpected 'x' after raw(...) (expected the closing '}')", e.getMessage());
    }
}
