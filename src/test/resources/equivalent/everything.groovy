description 'Every feature once'
params base: 'http://127.0.0.1:8080', dir: 'jobs/data'
executor 'io', threads(leakGrace: '2s', 8)
executor 'many', virtualThreads(100)
executor 'cpu', processes(2)
timeout '10m'
halt 'first-failure'
defaultTasks 'report', 'po*'

task 'build', on: 'cpu', timeout: '2m', retries: 2, backoff: [delay: '500ms', factor: 2, max: '5s'],
        retryOn: ['timeout', 'http-5xx'], optional: true, shell('make -j2', env: [CC: 'gcc'], dir: 'native')
map 'check', over: ['/a', '/b'], on: 'io', timeout: '5s', retries: 1, backoff: '100ms', after: ['build'],
        onFailure: { t -> println t.name }, onTimeout: { t -> println t.name },
        http(get: '${params.base}${item}', expect: 200, timeout: '3s', headers: [Accept: 'text/plain'])
task 'report', on: 'many', after: ['check', 'build'], when: '${results.build}', onSuccess: { t -> println t.name }, onDone: { t -> println t },
        shell('echo checked ${results.check.size()}')
map 'count', over: (0..<10).step(3), shell('echo ${item}')
map 'test', over: matrix(os: ['linux', 'mac'], py: ['3.11', '3.12']), shell('echo ${item.os} ${item.py}')
map 'pairs', over: [[os: 'linux', n: 1], [os: 'mac', n: 2]], shell('echo ${item.os} ${item.n}')
task 'post', description: 'Posts hi', when: false, http(post: 'http://127.0.0.1:9/x', body: 'hi', expect: [200, 201])

onFailure { t -> println "failed ${t.name}" }
onSuccess { run -> println run.wall }
always { run -> println run.wall }
