task 'a', onSuccess: http(get: 'http://127.0.0.1:1/'), { 1 }
