// jobs/hello.groovy: the first job. Greets a few names slowly, four at a time, like the seed's greet_slowly.
description 'Greet a few people slowly, on a pool of four threads'

executor 'greeters', threads(4)

String greetSlowly(String name) {
    sleep 1000                       // simulate a slow operation
    "Hello, ${name}!"
}

map 'greet', over: ['Python', 'Java', 'Groovy', 'Ada'], on: 'greeters', timeout: '10s', { String name ->
    greetSlowly(name)
}

always { run -> println "Greeted everyone in ${run.wall}" }
