// The same tasks on a cluster. With no member address, cluster(slots: 4) starts a private member inside this runner,
// so the file runs as it is on one machine; with members started on several machines (bin/jobrun member, see
// dsl/README.md), `bin/jobrun jobs/cluster.groovy --cluster 10.0.0.5:5701` sends the tasks to them, unchanged.
description 'word counts on a cluster executor'
executor 'grid', cluster(slots: 4)

int words(String line) {
    line.split(/\s+/).findAll { it }.size()
}

map 'count', over: ['the quick brown fox', 'jumps over', 'the lazy dog'], on: 'grid', timeout: '30s', { String line ->
    words(line)
}
task 'where', on: 'grid', shell('echo "ran on $(hostname)"')
task('total', after: ['count']) { results.count.sum() }
