executor 'io', threads(4)
task 'fetch', on: 'oi', { 1 }
