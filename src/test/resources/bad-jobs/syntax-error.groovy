task 'a', {
    println 'never closed'

task 'b', { 2 }
