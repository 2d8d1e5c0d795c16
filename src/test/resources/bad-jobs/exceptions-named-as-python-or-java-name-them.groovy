// the exceptions a futures program catches, as Python and java.util.concurrent name them
task 'wait', {
    def pool = threads(2)
    def future = pool.submit { sleep(5000) }
    try {
        future.result(timeout: 1)
    } catch (TimeoutError e) {
        'timed out'
    } catch (CancellationException e) {
        'cancelled'
    }
}
