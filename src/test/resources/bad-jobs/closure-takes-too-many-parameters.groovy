// each closure a DSL word calls is called with one value at most; one with a default value for the rest is fine
map 'two', over: [1, 2], { a, b -> a + b }
map 'fine', over: [1, 2], { a, b = 2 -> a + b }
task('one') { 1 }.then('next') { x, y -> x }
task 'cb', onFailure: { t, u -> println t }, { 1 }
always { run, extra -> println run }
task 'ok', { -> 1 }
task 'pair', { a, b -> a }
