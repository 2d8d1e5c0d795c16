task 'x[1]', { 'single' }
map 'x', over: [1, 2], { it }
