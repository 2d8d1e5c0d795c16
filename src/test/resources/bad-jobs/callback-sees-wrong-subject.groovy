task 'a', onFailure: shell('echo ${run.wall}'), shell('echo 1')
onSuccess shell('echo ${task.name}')
