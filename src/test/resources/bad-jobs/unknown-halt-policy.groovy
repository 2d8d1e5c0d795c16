halt 'first-fail'
task 'a', { 1 }
