// Tasks to pick on the command line, the same as select.yaml: bin/jobrun select.groovy deploy
executor 'io', threads(1)

task 'fetch', on: 'io', description: 'Fetch the sources', shell('echo fetched')
task 'build-app', on: 'io', after: ['fetch'], shell('echo app')
task 'build-docs', on: 'io', after: ['fetch'], shell('echo docs')
map 'analyze', on: 'io', over: ['a', 'b', 'c'], shell('echo ${item}')
task 'report', on: 'io', after: ['analyze'], shell('echo reported')
task 'deploy', on: 'io', after: ['build-app'], description: 'Ship the app', shell('echo deployed')
