description 'a job that forgot its tasks'
halt 'run-all'
