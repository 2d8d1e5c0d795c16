task 'a', after: ['c'], { 1 }
task 'b', after: ['a'], { 2 }
task 'c', after: ['b'], { 3 }
