// a declaration runs while the file is read; inside a task's or a callback's code it is refused
task('limited') { timeout '5s'; 1 }
task('nested') { task 'inner', { 2 } }
always { run -> description 'too late' }
task('looked-up') { executor('io').submit { 4 }.result() }

// a pool made inside a task is the task's own, not a declaration
task('pooled') { def pool = threads(2); pool.submit { 3 }.result() }
