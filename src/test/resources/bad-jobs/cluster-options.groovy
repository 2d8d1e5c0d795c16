executor 'grid', cluster(slots: 2, members: ['10.0.0.5', '10.0.0.6:5701'], memberWait: '0s')
task 'a', on: 'grid', shell('echo 1')
