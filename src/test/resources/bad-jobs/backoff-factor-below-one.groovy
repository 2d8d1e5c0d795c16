task 'a', retries: 2, backoff: [delay: '1s', factor: 0.5], { 1 }
