package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Task-name patterns: a star for any run, a question mark for one character, brackets as they are. */
class NamePatternTests {
    @Test
    void aStarMatchesAnyRunOfCharactersAndBracketsAreLiteral() {
        assertTrue(new NamePattern("build-*").matches("build-app"));
        assertTrue(new NamePattern("build-*").matches("build-"));
        assertFalse(new NamePattern("build-*").matches("rebuild-app"));
        assertTrue(new NamePattern("analyze[*]").matches("analyze[a.txt]"));
        assertFalse(new NamePattern("analyze[*]").matches("analyze"));
        assertTrue(new NamePattern("*a*b*").matches("xxaxxbxx"));
        assertFalse(new NamePattern("*a*b*").matches("xxbxxaxx"));
        assertTrue(new NamePattern("t?st").matches("test"));
        assertFalse(new NamePattern("t?st").matches("tst"));
        assertTrue(new NamePattern("deploy").matches("deploy"));
        assertFalse(new NamePattern("deploy").matches("deploy2"));
    }

    @Test
    void aLongNameAgainstManyStarsStaysFast() {
        String name = "a".repeat(100_000);
        assertFalse(new NamePattern("*a*a*a*a*a*b").matches(name));
    }
}
