// GitHub Actions writes ${{ ... }}
params target: 'dev'
task 'build', shell('echo building ${{ params.target }}')
