// a fan-out on a process executor sends each item to another JVM: every item must be serializable
executor 'cpu', processes(1)

def sockets = [new Socket()]

map 'probe', over: sockets, on: 'cpu', { s -> s.isConnected() }
