// the shell's environment and the request's headers written beside the body, as the task's options
task 'build', shell('make'), env: [CC: 'gcc']
task 'fetch', http(get: 'http://127.0.0.1:1/'), headers: [Accept: 'text/plain']
