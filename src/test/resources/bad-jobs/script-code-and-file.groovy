task 'count', script('python', '1 + 1', file: 'primes.py')
