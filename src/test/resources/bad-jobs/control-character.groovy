task 'beep', shell('echo "done"')
