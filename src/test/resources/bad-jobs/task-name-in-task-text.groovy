task 'a', shell('echo ${task.name}')
