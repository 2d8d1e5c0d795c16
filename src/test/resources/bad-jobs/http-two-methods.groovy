task 'a', http(get: 'http://127.0.0.1:1/', post: 'http://127.0.0.1:1/')
