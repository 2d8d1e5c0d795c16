executor 'io', threads(0)
task 'a', on: 'io', { 1 }
