task 'a', shell('echo ${results.nope}')
