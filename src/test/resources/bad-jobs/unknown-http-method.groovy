task 'fetch', http(method: 'FETCH', url: 'http://127.0.0.1:9/')
