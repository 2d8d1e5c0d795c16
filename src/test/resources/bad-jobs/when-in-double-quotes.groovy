// a condition in "..." is filled in as the file loads, to a test of two fixed texts
params env: 'dev'
task 'deploy', when: "${params.env} == prod", shell('echo deploying')
