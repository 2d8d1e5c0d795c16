description 'café menu'
task 'hello', shell('echo hi')
