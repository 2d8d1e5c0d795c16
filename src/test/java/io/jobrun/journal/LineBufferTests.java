package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTests {
    private static String text(LineBuffer out) {
        ByteBuffer bytes = out.contents();
        return new String(bytes.array(), 0, bytes.limit(), StandardCharsets.UTF_8);
    }

    @Test
    void numbersAreWrittenAsJavaWritesThem() {
        List<Long> numbers = List.of(0L, 7L, 9L, 10L, 99L, 100L, -1L, -10L, 123_456L, 999_999_999L, 1_000_000_000L,
                (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE,
                Long.MIN_VALUE, -9_876_543_210L);
        LineBuffer out = new LineBuffer(4); // grown as it goes
        StringBuilder expected = new StringBuilder();
        for (long number : numbers) {
            out.number(number).ascii(',');
            expected.append(number).append(',');
        }
        assertEquals(expected.toString(), text(out));
    }

    @Test
    void onlyPlainTextIsWrittenAsItIsAndAnythingElseLeavesNoTrace() {
        LineBuffer out = new LineBuffer(4);
        out.plain("a[b c]#1 ~!");
        for (String text : List.of("quote\"", "back\\slash", "new\nline", "del\u007f", "\u00e9")) {
            assertFalse(out.plain(text), text);
        }
        assertEquals("a[b c]#1 ~!", text(out));
    }
}
