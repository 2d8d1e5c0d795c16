// when: takes true, false, or a test of '${...}' values, written as Groovy writes one
params env: 'prod', deploy: true, ready: true
task 'deploy', when: '${params.env} = prod', shell('echo deploying')
task 'notify', when: ['deploy'], shell('echo told')
task 'later', when: 'soon', shell('echo later')
task 'fixed', when: '$params.env == prod', shell('echo fixed')
task 'worded', when: '${params.deploy} and ${params.ready}', shell('echo worded')
