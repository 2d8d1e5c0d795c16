// names are text: an executor or a task written bare is an unknown variable
executor 'io', threads(4)
task('fetch', on: io) { 1 }
task 'use', after: fetch, { 2 }
