// Started by InterruptTests as a child bin/jobrun, which then gets SIGINT.
params marker: 'build/sleeper.pid'
executor 'io', threads(2, leakGrace: '60s') // a stopped task reads cancelled, however busy the machine
task 'first', on: 'io', { 'done before Ctrl-C' }
task 'sleeper', on: 'io', after: ['first'], shell('sleep 300 & echo $! > "$MARKER"; wait', env: [MARKER: params.marker])
task 'later', on: 'io', after: ['sleeper'], { 'never runs' }
