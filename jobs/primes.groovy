// The seed's CPU-bound prime counting: the same sieve on one thread, on two threads, then in two worker JVMs.
// The closures and the plain method countPrimes run unchanged in the workers; the lines at the end compare the
// phases (a worker's start and its compile of this file count in the rows above, not in the phase's speed-up).
description 'Count primes below four limits: one thread, two threads, two processes'

params limit: 1_000_000                       // a whole number: -p limit=20000 is one too

int countPrimes(int limit) {                    // a plain method of the job file
    def sieve = new boolean[limit]; int count = 0
    for (int i = 2; i < limit; i++) if (!sieve[i]) { count++; for (long j = (long) i * i; j < limit; j += i) sieve[(int) j] = true }
    count
}

/** The count, with when it ran by the wall clock, which every JVM on the machine shares. */
Map timed(int limit) {
    long start = System.currentTimeMillis()
    int count = countPrimes(limit)
    [count: count, start: start, end: System.currentTimeMillis()]
}

executor 'one', threads(1)
executor 'threads', threads(2)
executor 'processes', processes(2)

def limits = (1..4).collect { it * params.limit }

map 'sequential', over: limits, on: 'one', timeout: '60s', { int limit -> timed(limit) }
map 'threads', over: limits, on: 'threads', timeout: '60s', after: ['sequential'], { int limit -> timed(limit) }
map 'processes', over: limits, on: 'processes', timeout: '60s', after: ['threads'], { int limit -> timed(limit) }

onSuccess { run ->
    limits.eachWithIndex { limit, i -> println "Primes below ${limit}: ${results.processes[i].count}" }
    for (phase in ['sequential', 'threads', 'processes']) {
        def runs = results[phase]
        long wall = runs*.end.max() - runs*.start.min()
        long summed = runs.sum { it.end - it.start }
        printf('%-10s  %4d ms for all four, speed up %.1fx%n', phase, wall, summed / Math.max(1L, wall) as double)
    }
}
