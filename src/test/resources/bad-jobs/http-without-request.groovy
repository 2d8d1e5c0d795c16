task 'fetch', http(expect: 200, timeout: '5s')
