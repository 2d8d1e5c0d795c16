// The seed's web scraper, against a local HTTP server the job starts itself (no network beyond localhost):
// sequential, then concurrent, and the speed-up between them.
description 'Scrape five pages of a local server, sequentially then concurrently'

import com.sun.net.httpserver.HttpServer

def paths = ['/delay/1', '/delay/2', '/status/200', '/status/404', '/status/500']

Map fetchUrl(String url) {
    try {
        def connection = (HttpURLConnection) new URL(url).openConnection()
        connection.connectTimeout = 5000
        connection.readTimeout = 5000
        int status = connection.responseCode
        def body = (status < 400 ? connection.inputStream : connection.errorStream)?.bytes ?: new byte[0]
        [url: url, status: status, size: body.length, ok: status == 200]
    } catch (IOException e) {
        [url: url, status: 'error', error: e.message, ok: false]
    }
}

task('serve') {
    def server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
    server.createContext('/') { exchange ->
        def parts = exchange.requestURI.path.split('/')
        int status = parts[1] == 'status' ? parts[2] as int : 200
        if (parts[1] == 'delay') sleep((parts[2] as int) * 150)
        byte[] body = "page ${exchange.requestURI.path}".bytes
        exchange.sendResponseHeaders(status, body.length)
        exchange.responseBody.withCloseable { it.write(body) }
    }
    server.executor = java.util.concurrent.Executors.newFixedThreadPool(5)
    server.start()
    server
}.then('scrape') { HttpServer server ->
    def base = "http://127.0.0.1:${server.address.port}"
    try {
        long start = System.nanoTime()
        paths.collect { fetchUrl(base + it) }
        double sequential = (System.nanoTime() - start) / 1e9

        start = System.nanoTime()
        def pool = threads(5)
        def results = pool.map(paths) { path -> fetchUrl(base + path) }.toList()   // list(executor.map(...))
        double concurrent = (System.nanoTime() - start) / 1e9

        printf('Sequential time: %.2fs%nConcurrent time: %.2fs%n', sequential, concurrent)
        results.each { println "${it.ok ? 'OK ' : 'BAD'} ${it.url - base} - Status: ${it.status}" }
        results.count { it.status == 200 }
    } finally {
        server.stop(0)
        server.executor.shutdownNow()
    }
}
