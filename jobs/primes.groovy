// The seed's CPU-bound prime counting. The same sieve runs on one thread, then on two; compare the speed-up
// lines. (processes(n) runs the same closures in worker JVMs once the process pool is part of the build.)
description 'Count primes below four limits: one thread, then two'

params limit: '400000'

int countPrimes(int limit) {                    // a plain method of the job file
    def sieve = new boolean[limit]; int count = 0
    for (int i = 2; i < limit; i++) if (!sieve[i]) { count++; for (long j = (long) i * i; j < limit; j += i) sieve[(int) j] = true }
    count
}

executor 'one', threads(1)
executor 'two', threads(2)

def limits = (1..4).collect { it * (params.limit as int) }

map 'sequential', over: limits, on: 'one', timeout: '60s', { int limit -> countPrimes(limit) }
map 'parallel', over: limits, on: 'two', timeout: '60s', after: ['sequential'], { int limit -> countPrimes(limit) }

onSuccess { run ->
    limits.eachWithIndex { limit, i -> println "Primes below ${limit}: ${results.parallel[i]}" }
}
