"""Hashed Feature: a stable hash gives every category, even an unseen one, a fixed bucket.

Look at: one-hot encoding rejects the new airport while the hash puts it in a valid bucket,
the md5 buckets match across processes with different PYTHONHASHSEED values (builtin `hash()`
does not), and the share of categories that collide for each bucket count.
"""

import hashlib
import json
import os
import subprocess
import sys

import numpy as np
from sklearn.preprocessing import OneHotEncoder

N_BUCKETS = 1_000


def bucket(category: str, n_buckets: int = N_BUCKETS) -> int:
    # md5 is fixed by its spec: same string, same bucket, in every process and on every machine.
    digest = hashlib.md5(category.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n_buckets


# 400 airport-like codes seen in training, plus one airport that opens after training.
rng = np.random.default_rng(0)
letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
codes = sorted({"".join(rng.choice(letters, 3)) for _ in range(410)})[:400]
new_airport = "QXZ"
assert new_airport not in codes

one_hot = OneHotEncoder(handle_unknown="error").fit(np.array(codes).reshape(-1, 1))
try:
    one_hot.transform([[new_airport]])
    one_hot_result = "encoded"
except ValueError:
    one_hot_result = "ValueError (category not in vocabulary)"
print(f"one-hot, unseen airport: {one_hot_result}")
assert one_hot_result.startswith("ValueError")
new_bucket = bucket(new_airport)
assert 0 <= new_bucket < N_BUCKETS
print(f"hashed,  unseen airport: bucket {new_bucket} of {N_BUCKETS}")

# The same buckets must come out of a fresh interpreter, whatever its hash salt.
# The child repeats bucket() inline; the assert below checks it agrees with this process.
child = """import hashlib, json, sys
codes = sys.argv[1:]
md5 = [int.from_bytes(hashlib.md5(c.encode()).digest()[:8], "big") % 1000 for c in codes]
print(json.dumps({"md5": md5, "builtin": [hash(c) % 1000 for c in codes]}))"""
sample = codes[:20]
runs = {}
for seed in ("1", "2"):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", child, *sample], env=env, capture_output=True, text=True, check=True
    )
    runs[seed] = json.loads(out.stdout)
    print(f"PYTHONHASHSEED={seed}  md5 buckets of first 5 codes: {runs[seed]['md5'][:5]}")
assert runs["1"]["md5"] == runs["2"]["md5"] == [bucket(c) for c in sample]
assert runs["1"]["builtin"] != runs["2"]["builtin"]  # salted: unusable as a feature
print("md5 buckets identical across processes:     yes")
print("builtin hash() identical across processes:  no")

# Collisions: the share of categories that share their bucket with at least one other.
print(f"{'buckets':>8} {'collided':>9} {'expected':>9}")
rates = []
for n_buckets in (100, 1_000, 10_000):
    ids = np.array([bucket(c, n_buckets) for c in codes])
    _, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
    rate = float(np.mean(counts[inverse] > 1))
    expected = 1 - (1 - 1 / n_buckets) ** (len(codes) - 1)
    print(f"{n_buckets:>8} {rate:>9.1%} {expected:>9.1%}")
    assert abs(rate - expected) < 0.08  # md5 behaves like a uniform random assignment
    rates.append(rate)
assert rates[0] > rates[1] > rates[2]
