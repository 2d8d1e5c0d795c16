task 'shout', script('ruby', "puts 'hi'")
