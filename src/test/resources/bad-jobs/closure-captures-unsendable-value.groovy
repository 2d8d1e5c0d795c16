// a closure on a process executor runs in another JVM: what it captures must be serializable
executor 'cpu', processes(1)

def conn = new Socket()

task 'analyze', on: 'cpu', { conn.isConnected() }
