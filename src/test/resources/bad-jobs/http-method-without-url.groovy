task 'a', http(method: 'POST', body: 'x')
