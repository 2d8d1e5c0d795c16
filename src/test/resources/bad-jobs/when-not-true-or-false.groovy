// when: takes true, false or one '${...}': it compares nothing
params env: 'prod'
task 'deploy', when: '${params.env} == prod', shell('echo deploying')
task 'notify', when: ['deploy'], shell('echo told')
task 'later', when: 'soon', shell('echo later')
