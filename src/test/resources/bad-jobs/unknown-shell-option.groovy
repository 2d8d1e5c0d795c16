task 'build', shell('make', user: 'builder')
