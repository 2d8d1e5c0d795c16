def files = new File('no/such/dir').listFiles()
map 'count', over: files.toList(), { f -> f.size() }
