executor 'cpu', processes(2, maxTasksPerChild: 0, maxHeap: 'lots')
task 'a', on: 'cpu', shell('echo 1')
