package io.jobrun.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One way of breaking a job file, applied at random places: what a careless edit, a bad copy, a truncated download or
 * a hostile author does to a file. Each takes the file's bytes and a random source and returns the broken bytes.
 */
enum Mutation {
    /** One bit of one byte flipped: a typo, or a byte that is no longer UTF-8. */
    FLIP_BIT {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            byte[] copy = file.clone();
            int at = random.nextInt(copy.length);
            copy[at] ^= (byte) (1 << random.nextInt(8));
            return copy;
        }
    },
    /** A run of bytes gone, up to a few lines. */
    DELETE {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            int from = random.nextInt(file.length);
            int to = Math.min(file.length, from + 1 + random.nextInt(200));
            return splice(file, from, to, new byte[0]);
        }
    },
    /** A run of bytes repeated in place, once or many times. */
    DUPLICATE {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            int from = random.nextInt(file.length);
            int to = Math.min(file.length, from + 1 + random.nextInt(120));
            byte[] piece = Arrays.copyOfRange(file, from, to);
            int times = random.nextBoolean() ? 1 : 1 + random.nextInt(40);
            ByteArrayOutputStream repeated = new ByteArrayOutputStream();
            for (int i = 0; i <= times; i++) {
                repeated.writeBytes(piece);
            }
            return splice(file, from, to, repeated.toByteArray());
        }
    },
    /** The file cut short, as by a full disk or an interrupted copy. */
    TRUNCATE {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            return Arrays.copyOf(file, random.nextInt(file.length));
        }
    },
    /** Brackets opened hundreds or thousands deep (and sometimes closed again): the parsers' recursion. */
    NEST {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            String open = yaml ? List.of("[", "{a: ", "- ").get(random.nextInt(3)) : List.of("(", "[", "{ ").get(
                    random.nextInt(3));
            String close = switch (open) {
                case "[" -> "]";
                case "(" -> ")";
                case "{a: ", "{ " -> "}";
                default -> "";
            };
            int depth = List.of(60, 300, 2000, 20_000).get(random.nextInt(4));
            String nested = open.repeat(depth) + "x" + (random.nextBoolean() ? close.repeat(depth) : "");
            if (open.equals("- ")) {
                StringBuilder block = new StringBuilder("\n");
                for (int i = 0; i < Math.min(depth, 300); i++) {
                    block.append(" ".repeat(i)).append("- \n");
                }
                nested = block.toString();
            }
            int at = random.nextInt(file.length + 1);
            return splice(file, at, at, nested.getBytes(StandardCharsets.UTF_8));
        }
    },
    /** A control character, NUL or a byte that cannot start UTF-8, at a random place. */
    CONTROL_CHARACTER {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            byte[] choices = {0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f, (byte) 0x85, (byte) 0xc3, (byte) 0xff};
            int at = random.nextInt(file.length + 1);
            return splice(file, at, at, new byte[] {choices[random.nextInt(choices.length)]});
        }
    },
    /** A token of either syntax dropped in: a quote, a brace, an expression, an anchor, a tag, a tab. */
    TOKEN {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            List<String> tokens = List.of("'", "\"", "{", "}", "[", "]", "(", ")", "${", "${item}", "${params.x}",
                    "${results.x.getClass()}", ":", ": ", "- ", "&a ", "*a", "!!str ", "!!java.io.File ", "\t", "#",
                    "---\n", "\n", "  ", "\\", "$", "/*", "*/", "//", "\"\"\"", "'''", ",", "=", "null", "0x", "-1",
                    "1e999", "on: nowhere", "after: [x]", "\uFEFF", "\u202E", "\uD83D\uDE00");
            String token = tokens.get(random.nextInt(tokens.size()));
            int at = random.nextInt(file.length + 1);
            return splice(file, at, at, token.getBytes(StandardCharsets.UTF_8));
        }
    },
    /** Two lines exchanged: a key moved under another parent, a statement out of place. */
    SWAP_LINES {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            List<String> lines = new java.util.ArrayList<>(List.of(new String(file, StandardCharsets.UTF_8)
                    .split("\n", -1)));
            java.util.Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
    },
    /** A "billion laughs" of aliases appended (YAML), or the file's own text repeated many times. */
    BOMB {
        @Override
        byte[] apply(byte[] file, Random random, boolean yaml) {
            if (!yaml) {
                return DUPLICATE.apply(file, random, false);
            }
            StringBuilder bomb = new StringBuilder("\nx0: &x0 [a, a, a, a, a, a, a, a, a]\n");
            for (int i = 1; i < 9; i++) {
                bomb.append("x").append(i).append(": &x").append(i).append(" [")
                        .append(("*x" + (i - 1) + ", ").repeat(8)).append("*x").append(i - 1).append("]\n");
            }
            return splice(file, file.length, file.length, bomb.toString().getBytes(StandardCharsets.UTF_8));
        }
    };

    /** {@code file} mutated at places chosen by {@code random}; {@code yaml} picks the syntax's own brackets. */
    abstract byte[] apply(byte[] file, Random random, boolean yaml);

    /** {@code file} with bytes {@code from} to {@code to} replaced by {@code replacement}. */
    static byte[] splice(byte[] file, int from, int to, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + replacement.length);
        out.write(file, 0, from);
        out.writeBytes(replacement);
        out.write(file, to, file.length - to);
        return out.toByteArray();
    }
}
