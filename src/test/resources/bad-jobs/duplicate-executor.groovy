executor 'io', threads(2)
executor 'io', virtualThreads(8)
task 'a', on: 'io', { 1 }
