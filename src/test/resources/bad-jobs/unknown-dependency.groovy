task 'build', { 1 }
task 'test', after: ['biuld'], { 2 }
