// shell(...) inside a closure makes a body and does not run it: each place such a closure runs as task code
task('build') { shell 'make -j2' }
map 'each', over: [1, 2], { n -> [n].collect { shell("echo ${it}") } }
task('fetch') { 'x' }.then('shout') { http(get: 'http://127.0.0.1:1/') }
onFailure { t -> shell('notify-send failed') }

// not task code: bodies made at the top level, in a loop, and by the file's own method of the same name elsewhere
['a', 'b'].each { name -> task "lint-${name}", shell('true') }
