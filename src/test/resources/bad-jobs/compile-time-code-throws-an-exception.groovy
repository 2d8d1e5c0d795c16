// @ASTTest runs its closure while the file compiles
import groovy.transform.ASTTest
@ASTTest(value = { throw new IllegalStateException('boom') })
def helper() { 1 }
task 'x', { helper() }
