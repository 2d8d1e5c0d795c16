task 'greet', { 'hello' }
task 'greet', { 'hello again' }
