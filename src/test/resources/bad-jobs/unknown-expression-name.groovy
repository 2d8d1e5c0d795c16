task 'a', shell('echo ${parms.x}')
