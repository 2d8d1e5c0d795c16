package io.jobrun.task.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A response body read to its end but kept only up to a limit, so that a body of any size costs bounded memory
 * (the JDK's {@code ofByteArray} holds all of it, and a 1 GB body fills the heap of every thread, the client's
 * selector included).
 *
 * @param kept  the first bytes, at most the limit
 * @param size  how many bytes the body had
 */
record BoundedBody(byte[] kept, long size) {

    static HttpResponse.BodyHandler<BoundedBody> handler(int limit) {
        return info -> {
            Collector collector = new Collector(limit);
            return HttpResponse.BodySubscribers.fromSubscriber(collector, Collector::body);
        };
    }

    /** Called by the client's threads, one at a time (the Flow rules). */
    private static final class Collector implements Flow.Subscriber<List<ByteBuffer>> {
        private final int limit;
        private byte[] kept = new byte[1024];
        private int length;
        private long size;

        Collector(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int count = buffer.remaining();
                size += count;
                int toKeep = Math.min(count, limit - length);
                if (toKeep > 0) {
                    if (length + toKeep > kept.length) {
                        kept = Arrays.copyOf(kept, Math.min(limit, Math.max(kept.length * 2, length + toKeep)));
                    }
                    buffer.get(kept, length, toKeep);
                    length += toKeep;
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the client completes the response exceptionally; nothing to keep
        }

        @Override
        public void onComplete() {
        }

        BoundedBody body() {
            return new BoundedBody(Arrays.copyOf(kept, length), size);
        }
    }
}
