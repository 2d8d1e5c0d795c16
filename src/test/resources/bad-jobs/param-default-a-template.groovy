// a parameter's default is taken as written: its ${...} is not filled in
params out: '${env.HOME}/out'
task 'save', shell('cp result.txt ${params.out}')
