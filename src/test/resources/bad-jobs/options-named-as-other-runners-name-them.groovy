// options written with the words of other runners: GitHub Actions' needs, continue-on-error and if, Compose's depends_on
params deploy: false
task 'build', shell('make', cwd: 'native')
task 'test', shell('make test'), needs: 'build', continueOnError: true
task 'lint', shell('make lint'), dependsOn: 'build', retry: 2
task 'deploy', shell('make deploy'), if: params.deploy
task 'report', script(language: 'python', code: 'print(1)')
