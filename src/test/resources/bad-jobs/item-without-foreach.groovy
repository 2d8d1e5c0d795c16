task 'greet', shell('echo "Hello, ${item}!"')
