executor 'greeters', threads(4)
map 'greet', over: ['Python', 'Java'], on: 'greeters', timeout: '10s', shell('echo hi')
