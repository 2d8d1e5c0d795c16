params name: 'world'
task 'greet', shell('echo hello ${params.name.getClass()}')
