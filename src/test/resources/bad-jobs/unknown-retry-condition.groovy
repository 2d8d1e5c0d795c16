task 'fetch', retries: 3, retryOn: ['timout'], { 1 }
