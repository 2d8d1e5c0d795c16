// a parameter that was never set, used as a number
def limit = (params.limit as int)
task 'count', { limit }
