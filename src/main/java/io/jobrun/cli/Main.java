package io.jobrun.cli;

import io.jobrun.futures.Future;
import io.jobrun.futures.Futures;
import io.jobrun.futures.ThreadPoolExecutor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The {@code bin/jobrun} command; the only code that touches System.out, System.err and the exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("usage: bin/jobrun demo    run a small demonstration of the core pools");
            return 0;
        }
        if (args.length == 1 && args[0].equals("demo")) {
            return demo(out);
        }
        err.println("usage: bin/jobrun demo   (bin/jobrun --help for more)");
        return 2;
    }

    private static int demo(PrintStream out) {
        long start = System.nanoTime();
        try (var pool = new ThreadPoolExecutor(4)) {
            List<Future<String>> greetings = new ArrayList<>();
            for (String name : List.of("Ada", "Grace", "Barbara", "Frances")) {
                greetings.add(pool.submit(() -> {
                    Thread.sleep(200);
                    return "Hello, " + name + "!";
                }));
            }
            for (Future<String> done : Futures.asCompleted(greetings)) {
                out.println(done.result());
            }
        }
        out.printf("4 greetings of 200 ms each in %d ms on 4 threads%n", (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
