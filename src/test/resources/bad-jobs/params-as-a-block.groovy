// Gradle's and Nextflow's block of settings
params {
    target = 'dev'
}
task 'build', { "built for ${params.target}" }
