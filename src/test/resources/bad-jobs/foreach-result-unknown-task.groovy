task 'list', { ['a', 'b'] }
map 'each', over: resultOf('lst'), { item -> item }
