// a job callback given a command as text: a callback is code, or a shell(...) body
task 'build', shell('make')
onSuccess 'echo built'
