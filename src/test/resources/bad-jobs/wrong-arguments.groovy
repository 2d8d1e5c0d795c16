task 'a', 'extra', 42, { 1 }
