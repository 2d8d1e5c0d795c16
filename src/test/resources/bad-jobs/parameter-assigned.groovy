// Nextflow's way to give a parameter its default; here params declares it
params.reads = 'data/*.fq'
task 'count', shell('ls ${params.reads} | wc -l')
