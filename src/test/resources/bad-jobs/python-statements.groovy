// the seeds' Python, written into a Groovy job file: statements that end with ':' are Python's
def square(x):
    return x * x

task 'total', {
    # add the squares up
    def total = 0
    for x in range(10):
        total += square(x)
    total
}
