// env file lines that are not NAME=value
dotenv 'dotenv-bad-lines.env'
task 'a', shell('true')
