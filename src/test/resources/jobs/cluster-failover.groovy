// Tasks of every kind on a cluster of member processes; the test kills the member that runs 'hold' (kill -9) once
// 'hold' has said where it runs, then opens the gate, so that its second attempt ends.
params marks: '', gate: ''
executor 'grid', cluster(slots: 2, memberWait: '2m')

int square(int n) {
    n * n
}

map 'square', over: (1..12).toList(), on: 'grid', { int n -> square(n) }
task 'hold', on: 'grid', shell('''echo $PPID > "$MARKS/hold.$$.tmp" && mv "$MARKS/hold.$$.tmp" "$MARKS/hold.$$"
while [ ! -e "$GATE" ]; do sleep 0.1; done
echo held''', env: [MARKS: params.marks, GATE: params.gate])
map 'shout', over: ['a', 'b', 'c'], on: 'grid', shell('echo ${item} | tr a-z A-Z')
task 'answer', on: 'grid', script('js', '6 * 7')
task('sum', after: ['square']) { results.square.sum() }
