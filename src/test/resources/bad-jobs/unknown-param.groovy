params base: 'http://127.0.0.1:8080'
task 'fetch', http(get: '${params.bse}/status')
