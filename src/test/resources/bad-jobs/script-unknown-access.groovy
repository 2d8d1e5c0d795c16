task 'fetch', script('js', '1', allow: ['files', 'internet'])
