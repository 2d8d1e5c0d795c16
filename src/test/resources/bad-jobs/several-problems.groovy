executor 'io', threads(2)

task 'fetch', on: 'io', timout: '5s', { 'body' }
task 'parse', on: 'cpu', after: ['fecth'], { 2 }
task 'fetch', { 3 }
