// The seed's count_primes in Python (jobs/tasks/primes.py, pasted as is), run by GraalPy on jobrun's pools: on one
// thread, on two threads (a context per thread, so two calls run at once, which CPython's threads cannot do), then in
// two worker JVMs (each starts its own Python, a few seconds once). Run: bin/jobrun jobs/primes-script.groovy
description 'Count primes below four limits with the seed\'s Python function: one thread, two threads, two processes'

executor 'one', threads(1)
executor 'two', threads(2)
executor 'cpu', processes(2)

def limits = [250_000, 500_000, 750_000, 1_000_000]

map 'sequential', over: limits, on: 'one', timeout: '2m',
        script('python', file: 'tasks/primes.py', call: 'count_primes', args: ['${item}'])
map 'parallel', over: limits, on: 'two', timeout: '2m', after: ['sequential'],
        script('python', file: 'tasks/primes.py', call: 'count_primes', args: ['${item}'])
map 'processes', over: limits, on: 'cpu', timeout: '2m', after: ['parallel'],
        script('python', file: 'tasks/primes.py', call: 'count_primes', args: ['${item}'])

onSuccess { run ->
    assert results.sequential == results.parallel && results.parallel == results.processes
    assert results.processes[3] == 78498
    limits.eachWithIndex { limit, i -> println "Primes below ${limit}: ${results.parallel[i]}" }
}
