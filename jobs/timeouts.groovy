// The seed's timeouts and cancellation: a task over its time limit, futures waited for with a timeout, and
// queued futures cancelled before they start.
description 'Timeouts and cancellation'
output 'prefixed'  // what the tasks print says what was cancelled: show it as it comes

executor 'io', threads(2)

def longTask(int n) { sleep 2000; n }

// Over its 300ms limit: interrupted and reported as a timeout; optional, so the job still succeeds.
task 'too-slow', on: 'io', timeout: '300ms', optional: true, onTimeout: { t -> println "${t.name} timed out" }, {
    longTask(1)
}

task 'cancel-queued', {
    def single = threads(1)
    def first = single.submit('long 1') { sleep 300; 1 }
    def second = single.submit('long 2') { longTask(2) }     // queued behind the first
    def third = single.submit('long 3') { longTask(3) }
    println "Future 2 cancelled: ${second.cancel()}"
    println "Future 3 cancelled: ${third.cancel()}"
    first.result()
}

task 'wait-with-timeout', {
    def pool = threads(2)
    def quick = pool.submit('quick') { 'quick' }
    def slow = pool.submit(name: 'slow', timeout: '500ms') { longTask(4) }
    def (done, notDone) = wait([quick, slow], FIRST_COMPLETED)
    println "First finished: ${done*.result()}"
    try {
        slow.result(timeout: 0.1)
    } catch (FutureTimeoutException e) {
        println "Some tasks didn't complete in time"
    }
    slow.exception() != null ? 'slow one timed out' : 'slow one finished'
}
