task 'a', script('python', 'def f(): return 1', call: 'f()')
