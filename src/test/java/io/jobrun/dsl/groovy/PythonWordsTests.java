package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonWordsTests {
    private static List<String> places(String text) {
        return PythonWords.lines(text).stream().map(line -> line.line() + ":" + line.column()).toList();
    }

    @Test
    void pythonStatementsAreFoundAtTheColumnTheyStart() {
        String text = """
                def square(x):
                    return x * x
                task 'a', {
                  if x > 1:
                    1
                  else:
                    2
                }
                """;
        assertEquals(List.of("1:1", "4:3", "6:3"), places(text));
    }

    @Test
    void groovyOfTheSameWordsIsNotTakenForPython() {
        String text = """
                #!/usr/bin/env jobrun
                import groovy.json.JsonSlurper
                def square(x) { x * x }
                task 'a', { for (x in 0..<3) { if (x > 1) { println x } else { println 'small' } }; 1 }
                task 'b', { def m = [a: 1]; m.a > 0 ? 'yes' : 'no' }
                """;
        assertEquals(List.of(), places(text));
    }

    @Test
    void linesInsideATripleQuotedStringAreText() {
        String text = """
                task 'script', shell('''
                  # a shell comment
                  for f in *.txt; do wc -l "$f"; done
                  if true:
                ''')
                # but this one is Groovy's line
                """;
        assertEquals(List.of("6:1"), places(text));
    }
}
