task 'a', retries: -1, { 1 }
task 'b', shell('echo ${results.a}')
task 'c', http(get: 'http://127.0.0.1:1/x', expect: 999)
