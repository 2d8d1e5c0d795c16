output 'prefix'
task 'build', shell('echo built')
