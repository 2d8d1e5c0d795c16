// when: is decided once for a whole fan-out, before its items
map 'test', over: matrix(os: ['linux', 'mac']), when: '${item.enabled}', shell('echo testing ${item.os}')
