package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which parameters a report masks, and how. */
class SecretsTests {
    @Test
    void parametersNamedLikeSecretsAreMaskedByName() {
        Secrets secrets = Secrets.ofParams(Map.of("API_KEY", "k-12345", "db_password", "hunter22", "githubToken",
                "ghp_abc", "user", "ann", "dir", "jobs/data"));
        assertEquals("***", secrets.param("API_KEY", "k-12345"));
        assertEquals("***", secrets.param("db_password", "hunter22"));
        assertEquals("***", secrets.param("githubToken", "ghp_abc"));
        assertEquals("ann", secrets.param("user", "ann"));
        assertEquals("jobs/data", secrets.param("dir", "jobs/data"));
        assertEquals("login with *** and *** as ann", secrets.mask("login with k-12345 and hunter22 as ann"));
    }

    @Test
    void aVeryShortSecretIsMaskedInTheParametersButNotEverywhereElse() {
        Secrets secrets = Secrets.ofParams(Map.of("pin_token", "42"));
        assertEquals("***", secrets.param("pin_token", "42"));
        assertEquals("42 tasks", secrets.mask("42 tasks"));
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        Secrets secrets = Secrets.of(List.of("abcd", "abcdefgh")).and(Secrets.ofParams(Map.of("token", "xyz123")));
        assertEquals("*** *** ***", secrets.mask("abcdefgh abcd xyz123"));
        assertTrue(Secrets.ofParams(Map.of("user", "ann")).isEmpty());
    }

    @Test
    void anEnvFileOfFiftyThousandValuesMasksAMegabyteOfOutputInOnePass() {
        java.util.List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            values.add("value-" + i + "-x");
        }
        Secrets secrets = Secrets.of(values);
        String text = "a".repeat(500_000) + " value-31337-x and value-4-x " + "b".repeat(500_000);
        // NOTE: a guard against the cost of trying each value against the text (5e10 steps), not a measurement.
        String masked = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> secrets.mask(text));
        assertEquals("a".repeat(500_000) + " *** and *** " + "b".repeat(500_000), masked);
        assertTrue(secrets.appearsIn("x value-49999-x"));
    }
}
