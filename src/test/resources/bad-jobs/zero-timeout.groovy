task 'a', timeout: '0s', { 1 }
