// A Jenkinsfile's stage and sh
stage('build') {
    sh 'make'
}
task 'test', sh('make test')
