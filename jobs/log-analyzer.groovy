// The seed's log analyzer: count lines, errors and warnings per log file, then sort by errors.
description 'Summarise the .log files under jobs/data'

params dir: 'jobs/data'
output 'prefixed'  // each line a task prints, after its name: the summary's lines

executor 'io', threads(8)

def logs = new File(params.dir).listFiles().findAll { it.name.endsWith('.log') }.sort { it.name }

map('analyze', over: logs, on: 'io') { File log ->
    int lines = 0, errors = 0, warnings = 0
    log.eachLine { line ->
        lines++
        if (line.contains('ERROR')) errors++
        else if (line.contains('WARN')) warnings++
    }
    [file: log.name, lines: lines, errors: errors, warnings: warnings]
}.then('summary') { List stats ->
    stats.sort(false) { -it.errors }.each { println "Processed ${it.file}: ${it.errors} errors, ${it.warnings} warnings" }
    stats.sum { it.errors }
}
