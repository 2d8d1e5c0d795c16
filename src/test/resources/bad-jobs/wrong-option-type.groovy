task 'flaky', retries: 'two', { 1 }
