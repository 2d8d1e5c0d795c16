timeout '0ms'
task 'a', { 1 }
