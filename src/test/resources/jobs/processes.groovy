// Tasks on a process executor (ProcessTasksTests): the file's closures and plain methods run in worker JVMs.
params limit: '1000', hangMarker: 'build/hang.pid'

executor 'cpu', processes(1)
executor 'io', threads(1)

int countPrimes(int limit) {
    def sieve = new boolean[limit]; int count = 0
    for (int i = 2; i < limit; i++) if (!sieve[i]) { count++; for (long j = (long) i * i; j < limit; j += i) sieve[(int) j] = true }
    count
}

long pid() { ProcessHandle.current().pid() }

// warm compiles this file in the only worker, so that hang's time limit is spent hanging; hang, declared first
// of the tasks after warm, is sent first, and the tasks after it need the killed worker's replacement
task 'warm', on: 'cpu', { pid() }
task 'hang', on: 'cpu', after: ['warm'], timeout: '5s', {
    new File(params.hangMarker).text = pid()
    while (true) { sleep 1000 }
}
task 'primes', on: 'cpu', after: ['warm'], { [pid: pid(), primes: countPrimes(params.limit as int)] }
map 'squares', over: [1, 2, 3], on: 'cpu', after: ['warm'], { int n -> "${n} squared is ${n * n}" }
task('seed', on: 'io') { 20 }.then('next', on: 'cpu') { int x -> x + 1 + results.seed }
task 'brokenOnThreads', on: 'io', { 'text'.noSuchMethod() }
task 'brokenOnProcesses', on: 'cpu', after: ['warm'], { 'text'.noSuchMethod() }
task 'shellOnProcesses', on: 'cpu', after: ['warm'], shell('echo $PPID')
