// What bin/jobrun runs to train its start-up cache for Groovy job files (bin/lib/launch.sh): the usual parts of a
// small job, quickly. It must succeed.
description 'start-up training'

executor 'pool', threads(2)

task 'hello', { 'hello' }
task('count', on: 'pool') { (1..100).sum() }.then('twice') { n -> n * 2 }
task 'list', shell('echo one; echo two')
map 'each', over: ['a', 'b', 'c'], on: 'pool', timeout: '10s', { String item -> item.toUpperCase() }
task 'join', after: ['each', 'twice'], { "${results.twice} ${results.each}" }

always { run -> println "trained in ${run.wall}" }
