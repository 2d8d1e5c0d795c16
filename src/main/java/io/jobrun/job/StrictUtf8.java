package io.jobrun.job;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that must be UTF-8 (a job file, an env file): decoded without replacing what is not, so that the reader can
 * say where it is.
 *
 * @param text      the decoded text, or null when a byte is not UTF-8
 * @param badOffset the offset of the first byte that is not UTF-8, or -1
 */
record StrictUtf8(String text, int badOffset) {
    static StrictUtf8 decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        return result.isError() ? new StrictUtf8(null, in.position()) : new StrictUtf8(out.flip().toString(), -1);
    }
}
