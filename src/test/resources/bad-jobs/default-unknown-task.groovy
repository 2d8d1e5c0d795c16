task 'build', shell('echo built')
task 'test', after: ['build'], shell('echo tested')
defaultTasks 'tset', 'deploy-*'
