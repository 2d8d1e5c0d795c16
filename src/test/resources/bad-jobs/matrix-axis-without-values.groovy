// a matrix axis left empty: there is no combination to run
map 'test', over: matrix(os: ['linux', 'mac'], py: []), shell('echo ${item.os} ${item.py}')
