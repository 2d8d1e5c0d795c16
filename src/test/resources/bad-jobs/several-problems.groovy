executor 'io', threads(0)
task 'fetch', on: 'io', timeout: '5 seconds', retries: -1, timout: '1s', http(get: '${params.url}')
task 'report', after: ['fetch', 'lint'], shell('echo "${results.fetch.status}"')
