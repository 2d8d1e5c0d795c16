task 'count', script('python', file: 'tasks/no-such-script.py', call: 'count_primes')
