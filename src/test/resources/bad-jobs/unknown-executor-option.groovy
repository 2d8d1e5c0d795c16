executor 'io', threads(4, leakgrace: '1s')
task 'a', on: 'io', { 1 }
