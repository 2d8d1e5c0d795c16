task 'count', inputs: ['data.txt', 3], shell('wc -l data.txt')
