// Every kind of task body on a cluster executor's embedded member, with the limits they have on local pools.
params marker: '300'
executor 'grid', cluster(slots: 2)

int twice(int n) {
    2 * n
}

task 'closure', on: 'grid', { Thread.currentThread().name + ' ' + twice(21) }
task 'shell', on: 'grid', shell('echo shell-ok')
task 'script', on: 'grid', script('js', '6 * 7')
task 'sandboxed', on: 'grid', optional: true, script('js', "Java.type('java.lang.System').getenv('HOME')")
task 'slow', on: 'grid', timeout: '1s', optional: true, shell('sleep ${params.marker}; true')
