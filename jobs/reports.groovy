// A build-like run that leaves a report for every reader: a JSON document, JUnit XML for the CI's test tab, a
// Nextflow-style trace and an HTML timeline (see dsl/README.md, "Reports"):
//   bin/jobrun jobs/reports.groovy --report json=out/run.json --report junit=out/junit.xml \
//       --report trace=out/trace.tsv --report html=out/timeline.html
description 'Compile, lint, 120 test shards on two workers, an integration test that passes on its second try, package'

executor 'build', threads(2)
executor 'shards', threads(2)

def tries = new java.util.concurrent.atomic.AtomicInteger()

task 'compile', on: 'build', shell('sleep 0.3; echo compiled')
task 'lint', on: 'build', shell('sleep 0.1; echo "src/App.java:12: warning: unused import" >&2')
map 'test', over: (1..120).toList(), on: 'shards', after: ['compile'], { int shard ->
    sleep 10 + (shard * 37) % 40
    shard
}
task 'integration', on: 'build', after: ['compile'], retries: 2, {
    sleep 200
    if (tries.incrementAndGet() == 1) throw new IOException('connection reset by the test database')
    'passed'
}
task 'package', on: 'build', after: ['test', 'integration'], shell('echo built app-1.0.jar')
