task 'a', after: ['a'], { 1 }
