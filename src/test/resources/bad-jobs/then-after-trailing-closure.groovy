task 'fetch', { 'x' }.then('shout') { it.toUpperCase() }
