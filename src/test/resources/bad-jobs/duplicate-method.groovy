int twice(int x) { x * 2 }
int twice(int y) { y + y }
task 'double', { twice(21) }
