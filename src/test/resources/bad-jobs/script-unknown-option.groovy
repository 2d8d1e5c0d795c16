task 'count', script('python', '1', cal: 'main')
