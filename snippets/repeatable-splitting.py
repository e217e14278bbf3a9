"""Repeatable Splitting: a split by a stable hash of the key is the same everywhere.

The sha256 split agrees across processes with different PYTHONHASHSEED values while
the built-in hash() does not; a random row-level split puts customers on both sides
and overstates accuracy.
"""

import hashlib
import os
import subprocess
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier


def bucket(k):
    # A stable fingerprint of the key: the same value on every machine, run and process.
    return int(hashlib.sha256(k.encode()).hexdigest(), 16) % 10


SHA256_BUCKET = "int(hashlib.sha256(k.encode()).hexdigest(), 16) % 10"  # bucket() as source
keys = [f"customer-{i:04d}" for i in range(400)]
here = "".join(str(bucket(k)) for k in keys)


def buckets_in_new_process(expression, hash_seed):
    # A fresh interpreter with its own string-hash seed, like another worker or a rerun.
    code = (
        f"import hashlib, sys\nprint(''.join(str({expression}) for k in sys.stdin.read().split()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input="\n".join(keys),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


stable = [buckets_in_new_process(SHA256_BUCKET, seed) for seed in ("1", "2")]
builtin = [buckets_in_new_process("hash(k) % 10", seed) for seed in ("1", "2")]
print(f"sha256 buckets identical across processes: {stable[0] == stable[1] == here}")
print(f"hash() buckets identical across processes: {builtin[0] == builtin[1]}")
assert stable[0] == stable[1] == here
assert builtin[0] != builtin[1]  # Python salts str hashes per process

# Five orders per customer; the label is a customer trait a model can memorize.
rng = np.random.default_rng(0)
row_keys = np.repeat(keys, 5)
X = np.repeat(rng.normal(size=(len(keys), 8)), 5, axis=0) + rng.normal(0, 0.1, (2000, 8))
y = np.repeat(rng.integers(0, 2, len(keys)), 5)

by_key = np.array([bucket(k) < 2 for k in row_keys])  # buckets 0-1: test, 20%
by_row = rng.random(2000) < 0.2  # 20% of rows at random, as train_test_split does
for name, test in [("hash of key", by_key), ("random rows", by_row)]:
    shared = len(set(row_keys[test]) & set(row_keys[~test]))
    model = RandomForestClassifier(n_estimators=50, random_state=0).fit(X[~test], y[~test])
    accuracy = model.score(X[test], y[test])
    print(f"{name}: customers in both splits {shared:3d}, test accuracy {accuracy:.2f}")
    if name == "hash of key":
        assert shared == 0 and accuracy < 0.65  # honest: unseen customers are a coin flip
    else:
        assert shared > 100 and accuracy > 0.85  # leaked customers inflate the score
