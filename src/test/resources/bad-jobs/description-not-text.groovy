task 'build', description: ['two', 'lines'], shell('echo built')
