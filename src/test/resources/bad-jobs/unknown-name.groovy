task 'list', { new File(parms.dir).list() }
