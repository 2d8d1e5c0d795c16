// The seed's concurrent file processor: analyze (lines, words, characters) or transform (upper-case copies),
// with timeouts, a retry, and a summary. Run: bin/jobrun jobs/file-processor.groovy -p mode=transform
description 'Analyze or transform the text files under jobs/data, four at a time'

params dir: 'jobs/data', mode: 'analyze', out: 'target/transformed'

executor 'io', threads(4)

def files = new File(params.dir).listFiles().findAll { it.name.endsWith('.txt') }.sort { it.name }

map 'process', over: files, on: 'io', timeout: '10s', retries: 1, { File f ->
    def text = f.text
    if (params.mode == 'transform') {
        def target = new File(params.out, f.name)
        target.parentFile.mkdirs()
        target.text = text.toUpperCase()
        [file: f.name, written: target.path]
    } else {
        [file: f.name, lines: text.readLines().size(), words: text.split(/\s+/).size(), chars: text.size()]
    }
}

// A JavaScript transform: the records above become one record of totals (the report shows it).
task 'totals', after: ['process'], script('js', '''
    const totals = { files: results.process.length, lines: 0, words: 0, characters: 0 };
    for (const file of results.process) {
        totals.lines += file.lines || 0;
        totals.words += file.words || 0;
        totals.characters += file.chars || 0;
    }
    totals
''')

onSuccess { run ->
    def stats = results.process
    println "Processed ${stats.size()} files (${params.mode})"
    if (params.mode == 'analyze') {
        println "Total: ${stats.sum { it.lines }} lines, ${stats.sum { it.words }} words, ${stats.sum { it.chars }} characters"
    }
}
