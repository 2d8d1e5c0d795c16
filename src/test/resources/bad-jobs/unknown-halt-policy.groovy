halt 'first'
task 'a', { 1 }
