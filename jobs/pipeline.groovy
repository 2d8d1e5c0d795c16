// The seed's callback pipeline: fetch -> process -> save, each stage getting the previous one's result.
description 'A callback pipeline: fetch, process, save'

executor 'io', threads(2)

task('fetch', on: 'io', timeout: '5s', retries: 2, backoff: '100ms') {
    sleep 100                                                // simulate fetching data
    [id: 42, data: 'Item 42 data']
}.then('process') { item ->
    [processed: item.data.toUpperCase()]
}.then('save', onSuccess: { t -> println "Pipeline complete: ${t.result}" }) { result ->
    def out = new File('target/pipeline-out.txt')
    out.parentFile.mkdirs()
    out.text = result.processed
    "saved ${result.processed}"
}

// The same chain with futures and done-callbacks, as the seed writes it.
task 'callbacks', on: 'io', {
    def pool = threads(2)
    def done = new java.util.concurrent.CountDownLatch(1)
    def f1 = pool.submit('fetch 7') { [id: 7, data: 'Item 7 data'] }
    f1.addDoneCallback { f ->
        def f2 = pool.submit('process 7') { [processed: f.result().data.toUpperCase()] }
        f2.addDoneCallback { g -> println "Processed: ${g.result().processed}"; done.countDown() }
    }
    done.await()
    'chained'
}
