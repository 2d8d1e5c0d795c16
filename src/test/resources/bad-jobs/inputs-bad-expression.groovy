map 'count', over: ['a.txt', 'b.txt'], inputs: ['data/${iten}'], shell('wc -l data/${item}')
