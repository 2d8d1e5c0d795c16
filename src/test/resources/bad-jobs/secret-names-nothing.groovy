// a secret must name a parameter or an environment variable
params apiToken: 'x'
secrets 'apiTokn'
task 'a', shell('true')
