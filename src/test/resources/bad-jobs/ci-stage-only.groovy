// A Jenkinsfile's stage holding the job's only work: the word is said, and not also that the job has no tasks
stage('build') {
    sh 'make'
}
