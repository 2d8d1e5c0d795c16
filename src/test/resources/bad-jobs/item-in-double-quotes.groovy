// Groovy fills a "..." string in as the file is read, before any item
map 'greet', over: ['Ada', 'Grace'], shell("echo Hello, ${item}")
