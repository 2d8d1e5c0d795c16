// The seed's ThreadPoolExecutor basics: executor.map keeps input order, asCompleted yields in finishing order.
description 'Fetch four prices on a pool: map keeps order, asCompleted yields as they finish'

def prices = [AAPL: 182.5, GOOG: 175.3, MSFT: 415.1, TSLA: 245.0]

def fetchPrice(Map prices, String symbol) {
    sleep 200                                    // simulate network I/O
    [symbol, prices.get(symbol, 0.0)]
}

task 'map', {
    def pool = threads(4)                        // like: with ThreadPoolExecutor(max_workers=4) as executor
    def results = pool.map(prices.keySet()) { symbol -> fetchPrice(prices, symbol) }
    results.each { symbol, price -> println "${symbol}: \$${price}" }
    results.size()
}

task 'as-completed', after: ['map'], {
    def pool = threads(4)
    def futures = prices.keySet().collect { symbol -> pool.submit("price ${symbol}") { fetchPrice(prices, symbol) } }
    def arrived = []
    for (f in asCompleted(futures, timeout: 15)) {
        arrived << f.result()[0]
    }
    arrived.size()
}
