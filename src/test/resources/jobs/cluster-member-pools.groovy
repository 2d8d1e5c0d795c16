// Where a task runs on a cluster member: on its threads, or in one of its worker JVMs when the task asks.
executor 'grid', cluster(slots: 2)

int twice(int n) {
    2 * n
}

task 'threads', on: 'grid', shell('echo $PPID')
task 'processes', on: 'grid', memberPool: 'processes', shell('echo $PPID')
task 'closure', on: 'grid', memberPool: 'processes', { "${ProcessHandle.current().pid()} ${twice(21)}" }
task 'slow', on: 'grid', memberPool: 'processes', timeout: '2s', optional: true, { Thread.sleep(600_000) }
