// a YAML habit: the body written as an option
task 'build', shell: 'make -j2'
