// parameters read in code that the file never declares: by name, by index, and with a default that never applies
params limit: 10
task('head') { new File('data.txt').readLines().take(params.limt) }
task('tail') { new File('data.txt').readLines().takeRight(params['lim'] as int) }
task('skip') { new File('data.txt').readLines().drop(params.skip ?: 1) }
