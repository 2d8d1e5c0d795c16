// Python's ThreadPoolExecutor(max_workers=4): the number of workers is no option
executor 'io', threads(2, max_workers: 4)
executor 'cpu', processes(2, poolSize: 3)
task 'a', on: 'io', { 1 }
task 'b', on: 'cpu', { 2 }
