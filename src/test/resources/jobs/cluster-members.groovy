// A cluster executor whose file names a member; --cluster and JOBRUN_CLUSTER point it elsewhere.
executor 'grid', cluster(slots: 2, members: ['127.0.0.1:9'], memberWait: '1s')
task 'a', on: 'grid', { 42 }
