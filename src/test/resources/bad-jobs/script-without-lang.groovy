task 'a', script(file: 'tasks/primes.py')
