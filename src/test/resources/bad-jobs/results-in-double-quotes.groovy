// Groovy fills a "..." string in as the file is read, before any task has a result
task 'fetch', shell('echo hi')
task 'shout', after: 'fetch', shell("echo ${results.fetch}")
