params count: 'two'
task 'next', shell("echo \$(( ${params.count} + 1 ))")
