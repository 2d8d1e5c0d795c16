// the comma before a trailing closure, left out: Groovy reads a call of 'build', and a call of the list
task 'build' { 'compiled' }
map 'square', over: [1, 2, 3] { it * it }
