task 'count', script('python', '42', args: [1, 2])
