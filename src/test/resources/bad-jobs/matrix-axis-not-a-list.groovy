// a matrix axis given one value, not a list of them
map 'test', over: matrix(os: ['linux', 'mac'], py: '3.12'), shell('echo ${item.os} ${item.py}')
