package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Groovy modules people reach for in job files are there, and loaded only by a job that uses them. */
@Timeout(180)
class GroovyModulesTests {
    @TempDir
    Path dir;

    @Test
    void jsonXmlAndTemplatesWorkInTaskCode() throws IOException {
        CliRun run = CliRun.ofFile(dir, "modules.groovy", """
                task 'json', { new groovy.json.JsonSlurper().parseText('{"a": [1, 2]}').a.sum() }
                task 'json-out', { groovy.json.JsonOutput.toJson([b: 1]) }
                task 'xml', { new groovy.xml.XmlSlurper().parseText('<r><i>3</i><i>4</i></r>').i*.text().join('+') }
                task 'template', {
                    new groovy.text.SimpleTemplateEngine().createTemplate('hi ${who}').make([who: 'you']).toString()
                }
                always { run -> run.tasks.each { t -> println "${t.name}: ${t.result}" } }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        for (String line : new String[] {"json: 3", "json-out: {\"b\":1}", "xml: 3+4", "template: hi you"}) {
            assertTrue(run.stdout().lines().anyMatch(line::equals), line + " in\n" + run.stdout());
        }
    }

    /**
     * Start-up does not pay for them: a job that names none loads none of their classes, but the one class with
     * groovy-xml's extension methods, which Groovy reads when it starts, as it reads every module's.
     */
    @Test
    void aJobThatUsesNoneLoadsNoneOfTheirClasses() throws Exception {
        Path job = Files.writeString(dir.resolve("plain.groovy"), "task 'a', { 1 }\n");
        ForkedJobrun run = ForkedJobrun.start(dir, Map.of("JOBRUN_JAVA_OPTS", "-Xlog:class+load=info"),
                job.toString(), "--quiet");
        assertEquals(0, run.awaitExit(), run.stderr());
        assertTrue(run.stdout().contains(" groovy.lang.Closure "), "the log lists the classes loaded");
        java.util.regex.Matcher loaded = java.util.regex.Pattern.compile(
                " ((?:groovy\\.(?:json|xml|text)|org\\.apache\\.groovy\\.(?:json|xml|templates|text))\\.\\S+) ")
                .matcher(run.stdout());
        java.util.List<String> modules = new java.util.ArrayList<>();
        while (loaded.find()) {
            modules.add(loaded.group(1));
        }
        assertEquals(java.util.List.of("org.apache.groovy.xml.extensions.XmlExtensions"), modules);
    }
}
