executor 'cpu', processes(2)
task 'primes', on: 'cpu', { 42 }
