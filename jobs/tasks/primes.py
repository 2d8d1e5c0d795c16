# The seed programs' CPU-bound function, pasted as is: jobs/primes-script.yaml and .groovy call it once per limit.
def count_primes(limit):
    """Return the count of primes below limit (CPU-bound)."""
    sieve = bytearray([1]) * limit
    sieve[0] = sieve[1] = 0
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
    return sum(sieve)
