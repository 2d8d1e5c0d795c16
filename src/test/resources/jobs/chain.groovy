description 'A two-stage chain whose output is the same on every run'
params who: 'world'
executor 'io', threads(2)

task('fetch', on: 'io', timeout: '5s', retries: 2, backoff: '10ms') { "hello ${params.who}" }
    .then('shout') { text -> text.toUpperCase() }
