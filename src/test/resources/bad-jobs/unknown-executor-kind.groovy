executor 'io', thread(4)
task 'fetch', on: 'io', shell('echo 1')
