map 'analyze', { f -> f.size() }
