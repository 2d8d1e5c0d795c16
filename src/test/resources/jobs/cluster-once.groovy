// Two tasks held on the cluster's first member until the test has closed that member and opened the gate: 'deploy'
// must not run twice, so its lost try fails; 'build' runs again on the member that stays.
params marks: '', gate: ''
executor 'grid', cluster(slots: 2, memberWait: '1m')

task 'deploy', on: 'grid', once: true, shell('touch ${params.marks}/deploy; while [ ! -e ${params.gate} ]; do sleep 0.05; done; echo deployed')
task 'build', on: 'grid', shell('touch ${params.marks}/build; while [ ! -e ${params.gate} ]; do sleep 0.05; done; echo built')
