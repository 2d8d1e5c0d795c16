task 'flaky', retries: 'two', after: [build: true], optional: 'maybe', { 1 }
