task 'boom', { throw new IllegalStateException('boom') }
task 'build', shell('echo compiling >&2; echo "error: missing semicolon" >&2; exit 2')
task 'after-boom', after: ['boom'], { 'never' }
onFailure { t -> println "onFailure: ${t.name}: ${t.error.message}" }
