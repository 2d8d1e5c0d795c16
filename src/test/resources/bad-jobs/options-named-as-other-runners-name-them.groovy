// options written with the words of other runners: GitHub Actions' needs and continue-on-error, Compose's depends_on
task 'build', shell('make', cwd: 'native')
task 'test', shell('make test'), needs: 'build', continueOnError: true
task 'lint', shell('make lint'), dependsOn: 'build', retry: 2
