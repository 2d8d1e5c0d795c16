task 'build', shell('make', cwd: 'native')
