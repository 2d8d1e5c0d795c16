// a job file with nothing but comments
/* task "build", shell("make") */
