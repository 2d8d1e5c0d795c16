executor 'io', threads(2)
executor 'grid', cluster(slots: 2)
task 'a', on: 'grid', memberPool: 'proceses', { 1 }
task 'b', on: 'io', memberPool: 'processes', { 2 }
task 'c', memberPool: 'threads', { 3 }
