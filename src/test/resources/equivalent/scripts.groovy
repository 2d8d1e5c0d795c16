params word: 'hello'

task 'shout', script('js', 'params.word.toUpperCase()')
map 'primes', over: [10, 100], script('python', file: 'tasks/double.py', call: 'double', args: ['${item}'])
task 'env', after: ['shout', 'primes'], script('python', '''
import os
[results['shout'], 'PATH' in os.environ]
''', allow: ['environment'])
