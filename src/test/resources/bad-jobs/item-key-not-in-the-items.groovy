// a template reads a key the matrix's combinations do not have (py, written pyhton)
map 'test', over: matrix(os: ['linux', 'mac'], py: ['3.11', '3.12']), shell('tox -e ${item.pyhton} on ${item.os}')
