"""Hashed Feature: stable hash buckets let a model that learns online absorb new ids.

Look at: log loss by id group for a model updated week by week; hashing learns ids
born after week 1, which a frozen vocabulary lumps into its infrequent bucket; a refit
vocabulary ties, one with spare slots is a hair better; 1,024 buckets collide.
"""

import hashlib
import os
import subprocess
import sys

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import OneHotEncoder


def md5_bucket(value: str, n_buckets: int) -> int:  # md5: the same in every process
    return int.from_bytes(hashlib.md5(value.encode()).digest()[:8], "big") % n_buckets


# 3,000 stores exist in week 1; 800 new stores open in each later week.
rng = np.random.default_rng(0)
n_weeks, rows_per_week = 5, 20_000
born = np.r_[np.zeros(3_000, int), np.repeat(np.arange(1, n_weeks), 800)]
popularity, effect = rng.lognormal(0, 1.2, born.size), rng.normal(0, 1, born.size)
week = np.repeat(np.arange(n_weeks), rows_per_week)
ids = []
for w in range(n_weeks):
    weight = popularity * (born <= w)
    ids.append(rng.choice(born.size, rows_per_week, p=weight / weight.sum()))
ids = np.concatenate(ids)
x = rng.normal(size=week.size)  # one numeric input next to the store id
y = (rng.random(week.size) < 1 / (1 + np.exp(0.5 - effect[ids] - 0.8 * x))).astype(int)
names = np.array([f"store-{i}" for i in range(born.size)])[ids].reshape(-1, 1)
test = week == n_weeks - 1  # weeks 1-4 train, week 5 is held out
group = np.select([born[ids] == 0, born[ids] < n_weeks - 1], [0, 1], 2)[test]


def one_column_per_row(cols, width):  # a fixed width, whatever ids arrive
    indptr = np.arange(len(cols) + 1)
    return sparse.csr_matrix((np.ones(len(cols)), cols, indptr), (len(cols), width))


def vocabulary(rows):  # the usual alternative: vocabulary plus an infrequent bucket
    encoder = OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5)
    return encoder.fit(names[rows]).transform(names)


stores = [f"store-{i}" for i in range(born.size)]
bucket = {n: np.array([md5_bucket(s, n) for s in stores]) for n in (1_024, 16_384)}
# The stateful alternative: each id takes the next free slot when it first arrives.
_, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
slot = np.argsort(np.argsort(first))[inverse]
hasher = FeatureHasher(16_384, input_type="string")
encoders = {
    "one-hot + infrequent, week-1 vocab": vocabulary(week == 0),
    "one-hot + infrequent, refit on all": vocabulary(~test),
    "md5 hash, 1,024 buckets": one_column_per_row(bucket[1_024][ids], 1_024),
    "md5 hash, 16,384 buckets": one_column_per_row(bucket[16_384][ids], 16_384),
    "FeatureHasher, 16,384": hasher.transform(names),
    "vocab, 16,384 spare slots": one_column_per_row(slot, 16_384),
}
print("log loss, week 5 (lower is better)  width week-1 ids later ids unseen   all")
loss = {}
for name, encoded in encoders.items():
    X = sparse.hstack([encoded, x[:, None]]).tocsr()
    model = SGDClassifier(loss="log_loss", alpha=1e-4, random_state=0)
    shuffle = np.random.default_rng(1)  # every encoder sees the rows in the same order
    for w in np.repeat(range(n_weeks - 1), 3):  # online: 3 passes over each new week
        rows = np.flatnonzero(week == w)[shuffle.permutation(rows_per_week)]
        model.partial_fit(X[rows], y[rows], classes=[0, 1])
    p = model.predict_proba(X[test])[:, 1]
    loss[name] = -np.log(np.where(y[test] == 1, p, 1 - p))
    cells = [loss[name][group == g].mean() for g in range(3)] + [loss[name].mean()]
    row = "".join(f"{c:>{n}.3f}" for c, n in zip(cells, (11, 10, 7, 6), strict=True))
    print(f"{name:<35}{X.shape[1]:>6}{row}")


def gap(label, a, b, rows):  # paired mean difference in log loss, +/- 2 std errors
    d = loss[a][rows] - loss[b][rows]  # a store's rows are not independent, so the
    _, store = np.unique(ids[test][rows], return_inverse=True)  # error is per store
    per_store = np.bincount(store, d - d.mean())
    mean, two_se = d.mean(), 2 * np.sqrt(np.sum(per_store**2)) / rows.sum()
    print(f"{label:<39} {mean:+.3f} +/- {two_se:.3f}")
    return mean, two_se


vocab1, refit, md5_small, md5_big, _, slots = encoders
later = gap("later ids: md5 16,384 - week-1 vocab", md5_big, vocab1, group == 1)
gap("unseen ids: md5 16,384 - week-1 vocab", md5_big, vocab1, group == 2)
collide = gap("week-1 ids: md5 1,024 - md5 16,384", md5_small, md5_big, group == 0)
tie = gap("all ids: md5 16,384 - refit vocab", md5_big, refit, group >= 0)
gap("all ids: md5 16,384 - spare slots", md5_big, slots, group >= 0)
assert later[0] + later[1] < 0, "hashing should learn stores that open after week 1"
assert collide[0] - collide[1] > 0, "too few buckets should cost through collisions"
assert abs(tie[0]) < 0.01
# An id with no training rows gets its bucket's weight; most buckets have none.
trained = np.unique(ids[~test])
shared = np.isin(bucket[16_384], bucket[16_384][trained])[born == n_weeks - 1]
empty, expected = 1 - shared.mean(), (1 - 1 / 16_384) ** trained.size
print(f"unseen ids in an unused bucket: {empty:.0%} ({expected:.0%} expected)")
assert abs(empty - expected) < 0.05

# The bucket must not depend on the process; Python's salted hash() does.
code = "import sys, hashlib; s = sys.argv[1]; d = hashlib.md5(s.encode()).digest()"
code += "; print(int.from_bytes(d[:8], 'big') % 1024, hash(s) % 1024)"
fresh = []  # (md5 bucket, hash() bucket) of "store-7" in two new interpreters
for seed in ("1", "2"):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    cmd = [sys.executable, "-c", code, "store-7"]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    fresh.append(out.stdout.split())
(md5_1, hash_1), (md5_2, hash_2) = fresh
print(f"store-7, PYTHONHASHSEED=1 vs 2: md5 {md5_1} vs {md5_2}, ", end="")
print(f"hash() {hash_1} vs {hash_2}")
assert md5_1 == md5_2 == str(md5_bucket("store-7", 1_024))
assert hash_1 != hash_2  # salted per process: unusable as a feature
