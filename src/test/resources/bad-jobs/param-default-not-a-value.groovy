// a parameter's default must be a value -p can give: a list or null is not
params files: ['a.txt', 'b.txt'], out: null
task 'show', shell('echo ${params.files} ${params.out}')
