params list: 'a,b'
map 'each', over: params.list, shell('echo ${item}')
