executor 'io', threads(2)

task 'fetch', on: 'io',
    timout: '10s', { 'body' }
