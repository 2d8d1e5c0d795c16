task 'build', shell('echo 1')
task 'report', after: ['build'], shell('echo "built ${results.build.}"')
