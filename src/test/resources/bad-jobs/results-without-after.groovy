task 'check', shell('echo 1')
task 'report', shell('echo "checked ${results.check}"')
