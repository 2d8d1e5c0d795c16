// the job's env file is not there
dotenv '.env.missing-on-purpose'
task 'a', shell('true')
