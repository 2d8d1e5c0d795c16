// Killed with kill -9 while 'gate' runs, then resumed (KillAndResumeTests): closures on threads and in a worker JVM,
// shell tasks, each leaving a mark per run in params.dir. 'gate' holds while JOBRUN_TEST_HOLD is set.
params dir: 'build/resumable'

executor 'io', threads(2)
executor 'cpu', processes(1)

map 'square', on: 'io', over: [1, 2, 3, 4], { n -> new File(params.dir, "square-" + n) << 'x'; n * n }
map 'echo', over: ['a', 'b', 'c'], shell('echo x >> ${params.dir}/echo-${item}; echo ${item}${item}')
map 'plus', on: 'cpu', over: [10, 20], { n -> new File(params.dir, "plus-" + n) << 'x'; n + 1 }
task 'gate', after: ['square', 'echo', 'plus'],
        shell('echo x >> ${params.dir}/gate; while [ -n "$JOBRUN_TEST_HOLD" ]; do sleep 0.05; done; echo passed')
task 'total', after: ['gate'], {
    [squares: results.square.sum(), plus: results.plus.sum(), echo: results.echo*.toString().join(','),
     gate: results.gate.toString()]
}
