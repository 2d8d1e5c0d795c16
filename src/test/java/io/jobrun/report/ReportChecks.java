package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.testing.Json;
import io.jobrun.testing.SchemaCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * How tests read the report files they make, as their consumers would: every JSON report through here is checked
 * against {@code dsl/report.schema.json} first ({@link SchemaCheck}), so that every JSON report the suite writes is
 * valid; JUnit XML is
 * parsed by the JDK's XML parser, which rejects what Jenkins and GitLab reject (characters XML forbids, bad nesting).
 */
public final class ReportChecks {
    public static final Path SCHEMA = Path.of("dsl/report.schema.json");
    private static SchemaCheck schema;

    private ReportChecks() {
    }

    /** The JSON report at {@code file}, after checking it against the schema. */
    public static Json json(Path file) {
        Json report = Json.parse(file);
        assertEquals(List.of(), schema().problems(report), file + " does not match " + SCHEMA);
        return report;
    }

    /** Checks every JSON report in {@code directory} (and below) against the schema; returns how many there were. */
    public static int everyJsonReportIn(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> reports = files.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).toList();
            reports.forEach(ReportChecks::json);
            return reports.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JUnit XML at {@code file}, parsed as CI servers parse it (no DTDs, no external entities). */
    public static Document junit(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new AssertionError(file + " is not XML a CI server reads: " + e.getMessage(), e);
        }
    }

    /** No temporary file of an atomic write is left in {@code directory}. */
    public static void noTemporaryFilesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> left = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized SchemaCheck schema() {
        if (schema == null) {
            schema = SchemaCheck.of(SCHEMA);
        }
        return schema;
    }
}
