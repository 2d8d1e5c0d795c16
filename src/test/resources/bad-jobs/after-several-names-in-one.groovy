// several tasks to run after, written as one text instead of a list
task 'compile', shell('make')
task 'lint', shell('make lint')
task 'package', after: 'compile, lint', shell('make dist')
