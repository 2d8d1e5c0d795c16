// Ctrl-C while a task runs in a worker JVM (InterruptTests): the worker is killed, the partial report printed.
params marker: 'build/worker.pid'

executor 'cpu', processes(1)

task 'spinner', on: 'cpu', {
    new File(params.marker).text = ProcessHandle.current().pid()
    while (true) { sleep 100 }
}
task 'later', on: 'cpu', after: ['spinner'], { 1 }
