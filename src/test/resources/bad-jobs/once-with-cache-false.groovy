task 'deploy', once: true, cache: false, shell('echo deployed')
