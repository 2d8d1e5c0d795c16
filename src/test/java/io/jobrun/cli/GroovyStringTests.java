package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings with values ({@code "...${...}..."}) in a job file behave as Groovy's own wherever a job file has them: in
 * task code and its closures, in the file's methods, in callbacks; they stay GStrings where code keeps them, and become
 * text where code asks for text ({@code GStringRewrite}, which makes them write plain values without Groovy's
 * formatter).
 */
@Timeout(120)
class GroovyStringTests {
    @TempDir
    Path dir;

    /** Runs {@code tasks}, printing each task's result as "name: result" after the run. */
    private CliRun run(String tasks) throws IOException {
        CliRun run = CliRun.ofFile(dir, "strings.groovy", tasks + """
                always { run -> run.tasks.each { t -> println "${t.name}: ${t.result}" } }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        return run;
    }


    @Test
    void stringsWithValuesReadTheSameInTaskCodeClosuresMethodsAndCallbacks() throws IOException {
        CliRun run = run("""
                String greet(String name) { "Hello, ${name}!" }
                def twice(n) { "${n}${n}" }
                task 'code', {
                    def n = 3
                    def nested = [1, 2].collect { i -> "item ${i} of ${[n, [k: 'v']]}" }
                    "${n} ${greet('you')} ${twice(4)} ${nested} ${[a: [1, null], b: [:]]} ${1.50} ${'x' as char}"
                }
                """);
        run.assertPrinted("code: 3 Hello, you! 44 [item 1 of [3, [k:v]], item 2 of [3, [k:v]]] [a:[1, null], b:[:]] 1.50 x");
    }

    @Test
    void aStringWithValuesStaysAGStringWhereCodeKeepsIt() throws IOException {
        CliRun run = run("""
                task 'kept', {
                    def k = 'k1'
                    def keyed = [("${k}"): 'v']
                    def later = 1
                    def lazy = "now ${-> later}"
                    later = 2
                    def name = 'size'
                    def list = [1, 2]
                    ["${k}" instanceof GString, keyed.containsKey('k1'), keyed.containsKey("${k}"), lazy.toString(),
                     list."$name"(), [size: 5]."$name", "${k}" == 'k1', "a${1}" + "b${2}", 'n:' + [k: [1, null]], [1, [2], [:]].join('+')].join(' ')
                }
                """);
        // NOTE: a GString key is not its text's key, as in Groovy; the lazy value is read when written
        run.assertPrinted("kept: true false true now 2 2 5 true a1b2 n:[k:[1, null]] 1+[2]+[:]");
    }

    @Test
    void aMethodDeclaredToReturnStringReturnsTextFromEachOfItsReturns() throws IOException {
        CliRun run = run("""
                String pick(int n) {
                    if (n == 1) {
                        "one ${n}"
                    } else if (n == 2) {
                        return "two ${n}"
                    } else {
                        switch (n) {
                            case 3: "three ${n}"; break
                            default: "many ${[n]}"
                        }
                    }
                }
                String closureKeeps() {
                    def made = { "closure ${1}" }
                    "${made() instanceof GString}"
                }
                task 'text', {
                    String declared = "declared ${1}"
                    def cast = "cast ${2}" as String
                    ([1, 2, 3, 4].collect { pick(it) } + [declared, cast, closureKeeps()]).collect { "${it}:${it.getClass().simpleName}" }
                            .join(', ')
                }
                """);
        run.assertPrinted("text: one 1:String, two 2:String, three 3:String, many [4]:String, declared 1:String,"
                + " cast 2:String, true:String");
    }
}
