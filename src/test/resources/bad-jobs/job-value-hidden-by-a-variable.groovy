// a top-level variable named results, params or env hides the job's own from every closure below
def results = []
task 'fetch', { 'page' }
task 'count', after: 'fetch', { results.fetch.size() }
env = [stage: 'prod']
