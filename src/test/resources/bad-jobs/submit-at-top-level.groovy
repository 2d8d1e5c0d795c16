def io = threads(2)
def f = io.submit { 42 }
