// The seed's progress tracking over 50 items: the progress line (or one line per item) comes for free.
description 'Square 50 numbers, ten at a time, with progress'

executor 'squares', threads(10)

map 'square', over: (0..<50).toList(), on: 'squares', { int n ->
    sleep 100
    n * n
}

onSuccess { run -> println "Results: ${results.square.take(5)}... (showing first 5)" }
