task 'a', shell('   ')
