task 'fetch', http(get: 'http://a b/status')
task 'upload', http(method: 'put', url: 'ftp://files/x')
