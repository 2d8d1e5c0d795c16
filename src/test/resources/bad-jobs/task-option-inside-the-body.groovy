// the task's time limit written inside its shell body
task 'build', shell('make', timeout: '5m')
