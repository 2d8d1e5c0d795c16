// What bin/jobrun runs to train its start-up cache for Groovy job files run on a cluster (bin/lib/launch.sh runs it
// with --cluster, against a member it starts): the usual parts of a small job, its client and its submissions. It
// must succeed.
description 'start-up training on a cluster'

executor 'grid', cluster(slots: 2)

task 'hello', on: 'grid', { 'hello' }
task('count', on: 'grid') { (1..100).sum() }.then('twice') { n -> n * 2 }
task 'list', on: 'grid', shell('echo one; echo two')
map 'each', over: ['a', 'b', 'c'], on: 'grid', timeout: '10s', { String item -> item.toUpperCase() }
task 'join', after: ['each', 'twice'], { "${results.twice} ${results.each}" }

always { run -> println "trained in ${run.wall}" }
