task 'notify', cache: 'always', { 'sent' }
