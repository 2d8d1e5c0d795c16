package io.jobrun.resume;

/**
 * MurmurHash3, x64 128-bit variant, seed 0, fed a byte or an array at a time: the hash of a task instance's key
 * (Nextflow keys its tasks with the same function). Not cryptographic, and it need not be: a key only has to tell one
 * instance's inputs from another's, and 128 bits make an accidental match of two keys as likely as none at all in a
 * journal's lifetime. Per instance it is a few dozen multiplications where SHA-256 was a few microseconds of
 * compression rounds (the JIT only uses the CPU's SHA instructions once its caller is compiled by C2, which a run of
 * 100,000 instances mostly is not). A secret's keyed hash and the digest of each part stay SHA-256 (once per task).
 *
 * <p>The state is six numbers and no array, so that a copy to go on from ({@link #copyFrom}) costs nothing: the
 * instances of a fan-out each go on from the hash of their task's shared part. The result is {@link #h1()} and
 * {@link #h2()}, whose bytes, each little-endian and {@code h1} first, are the hash as the reference implementation
 * writes it.
 */
final class Murmur3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private long h1;
    private long h2;
    /** The bytes of the block being filled, little-endian: bytes 0-7 in {@code k1}, 8-15 in {@code k2}. */
    private long k1;
    private long k2;
    /** How many bytes were fed in all; its low 4 bits are how many of the block being filled there are. */
    private long length;
    private boolean finished;

    /** Makes this state {@code other}'s, to go on from there; returns this. */
    Murmur3 copyFrom(Murmur3 other) {
        h1 = other.h1;
        h2 = other.h2;
        k1 = other.k1;
        k2 = other.k2;
        length = other.length;
        finished = other.finished;
        return this;
    }

    /** A copy to go on from. */
    Murmur3 copy() {
        return new Murmur3().copyFrom(this);
    }

    /** Feeds one byte. */
    void update(int b) {
        unfinished();
        int at = (int) length & 15;
        long value = (b & 0xffL) << ((at & 7) << 3);
        if (at < 8) {
            k1 |= value;
        } else {
            k2 |= value;
        }
        length++;
        if (at == 15) {
            block(k1, k2);
            k1 = 0;
            k2 = 0;
        }
    }

    /** Feeds {@code count} bytes of {@code bytes} from {@code offset}. */
    void update(byte[] bytes, int offset, int count) {
        unfinished();
        int i = offset;
        int end = offset + count;
        while (i < end && (length & 15) != 0) {
            update(bytes[i++]);
        }
        for (; end - i >= 16; i += 16) {
            block(littleEndian(bytes, i), littleEndian(bytes, i + 8));
            length += 16;
        }
        while (i < end) {
            update(bytes[i++]);
        }
    }

    /** Ends the hash: {@link #h1()} and {@link #h2()} are its result, and nothing more may be fed. */
    void finish() {
        unfinished();
        finished = true;
        int tail = (int) length & 15;
        if (tail > 8) {
            h2 ^= mixK2(k2);
        }
        if (tail > 0) {
            h1 ^= mixK1(k1);
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
    }

    /** The first 64 bits of the finished hash. */
    long h1() {
        return h1;
    }

    /** The last 64 bits of the finished hash. */
    long h2() {
        return h2;
    }

    private void unfinished() {
        if (finished) {
            throw new IllegalStateException("the hash was finished already");
        }
    }

    private void block(long first, long second) {
        h1 ^= mixK1(first);
        h1 = Long.rotateLeft(h1, 27) + h2;
        h1 = h1 * 5 + 0x52dce729;
        h2 ^= mixK2(second);
        h2 = Long.rotateLeft(h2, 31) + h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    private static long mixK1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mixK2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long littleEndian(byte[] bytes, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xffL);
        }
        return value;
    }
}
