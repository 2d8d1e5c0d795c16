description 'a typo in a keyword'
tsk 'greet', { 'hello' }
