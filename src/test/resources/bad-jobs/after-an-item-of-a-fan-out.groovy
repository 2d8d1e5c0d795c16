// a task runs after a whole task, never after one item of a fan-out
map 'square', over: [1, 2, 3], { it * it }
task 'first', after: 'square[1]', { results.square[0] }
