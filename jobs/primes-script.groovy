// The seed's count_primes in Python (jobs/tasks/primes.py, pasted as is), run by GraalPy on jobrun's threads: one
// context per thread, so on two threads two calls run at once, which CPython's threads cannot do (the GIL).
// Run: bin/jobrun jobs/primes-script.groovy
description 'Count primes below four limits with the seed\'s Python function, on one thread, then on two'

executor 'one', threads(1)
executor 'two', threads(2)

def limits = [250_000, 500_000, 750_000, 1_000_000]

map 'sequential', over: limits, on: 'one', timeout: '2m',
        script('python', file: 'tasks/primes.py', call: 'count_primes', args: ['${item}'])
map 'parallel', over: limits, on: 'two', timeout: '2m', after: ['sequential'],
        script('python', file: 'tasks/primes.py', call: 'count_primes', args: ['${item}'])

onSuccess { run ->
    assert results.sequential == results.parallel && results.parallel[3] == 78498
    limits.eachWithIndex { limit, i -> println "Primes below ${limit}: ${results.parallel[i]}" }
}
