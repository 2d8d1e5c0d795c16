// a fan-out declared with task: the items go to map
task 'test', over: ['unit', 'integration'], { suite -> "ran ${suite}" }
task 'lint', foreach: ['src', 'test'], { dir -> dir }
