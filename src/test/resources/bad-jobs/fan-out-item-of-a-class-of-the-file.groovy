// a class the job file declares travels to a worker process once it implements Serializable
class Point { int x, y }
executor 'cpu', processes(1)
map 'distance', over: [new Point(x: 3, y: 4)], on: 'cpu', { Point p -> Math.hypot(p.x, p.y) }
