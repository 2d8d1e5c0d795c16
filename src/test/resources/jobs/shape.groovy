description 'Count lines, words and characters of the text files under data/'
params dir: 'jobs/data'
executor 'io',  threads(8)
executor 'cpu', virtualThreads(2)

def files = new File(params.dir).listFiles().findAll { it.name.endsWith('.txt') }

map 'analyze', over: files, on: 'io', timeout: '10s', retries: 1, { File f ->
    def text = f.text
    [lines: text.readLines().size(), words: text.split(/\s+/).size(), chars: text.size()]
}

task 'primes', on: 'cpu', timeout: '30s', { 42 }

task('fetch', on: 'io', timeout: '5s', retries: 2, backoff: [delay: '500ms', factor: 2, max: '4s'], retryOn: ['timeout', 'IOException']) { 'body' }
    .then('shout') { body -> body.toUpperCase() }
    .then('save', after: ['primes']) { text -> text }

task 'build', optional: true, shell('make -j2', env: [CC: 'gcc'], dir: 'native')

halt 'first-failure'
timeout '5m'
onFailure { t -> println "task ${t.name} failed: ${t.error.message}" }
always    { run -> println "done in ${run.wall}" }
