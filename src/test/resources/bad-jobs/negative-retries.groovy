task 'a', retries: -1, { 1 }
