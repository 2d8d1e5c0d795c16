task 'fetch', retries: 3, backoff: [delay: '100ms', factr: 2], { 1 }
