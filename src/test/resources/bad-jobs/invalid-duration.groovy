task 'slow', timeout: '10x', { sleep 100 }
