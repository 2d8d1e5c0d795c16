def options = [tiemout: '5s']
task(options, 'a') { 1 }
