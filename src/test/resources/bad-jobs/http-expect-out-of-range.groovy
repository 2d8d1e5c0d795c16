task 'c', http(get: 'http://127.0.0.1:1/x', expect: [200, 999])
