"""Repeatable Splitting: a stable hash of the key gives the same split everywhere.

One row per split method: the realized test share, customers on both sides, test
accuracy on a label the model can only memorize, the share of today's test rows still
in test after 25% more customers arrive, and whether another process agrees.
"""

import os
import subprocess
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GroupShuffleSplit, train_test_split

# 20% to test. The first 15 hex digits fit a signed INT64, so SQL can do the same:
# MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(SHA256(k)), 1, 15)) AS INT64), 10) < 2
SHA256 = "int(hashlib.sha256(k.encode()).hexdigest()[:15], 16) % 10 < 2"
BUILTIN = "hash(k) % 10 < 2"  # Python's str hash is salted per process
CHILD = "import hashlib,sys\nprint(''.join('1' if {} else '0' for k in sys.argv[1:]))"
SEEDED = """import sys, numpy as np
from sklearn.model_selection import GroupShuffleSplit, train_test_split
keys = np.repeat(sys.argv[1:], 5)
a = train_test_split(np.arange(len(keys)), test_size=0.2, random_state=42)[1]
split = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=42)
b = next(split.split(keys, groups=keys))[1]
print(' '.join(map(str, np.r_[a, -1, b])))"""  # both seeded splits, rerun elsewhere


def in_new_process(code, keys, hash_seed):
    # A fresh interpreter, as another worker, tool or rerun would be.
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    cmd = [sys.executable, "-c", code, *keys]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)


keys = [f"customer-{i:04d}" for i in range(500)]  # the first 400 exist today
children = {  # started together, so they run side by side
    (rule, seed): in_new_process(CHILD.format(rule), keys, seed)
    for rule in (SHA256, BUILTIN)
    for seed in "12"
}
seeded_child = in_new_process(SEEDED, keys[:400], "2")
rng = np.random.default_rng(0)
profile = rng.normal(size=(500, 8))  # each customer's orders look alike
trait = rng.integers(0, 2, 500)  # the label is a customer trait: memorizable only


def table(n_customers, orders=5):
    idx = np.repeat(np.arange(n_customers), orders)
    noise = np.random.default_rng(n_customers).normal(0, 0.1, (len(idx), 8))
    return np.array(keys)[idx], profile[idx] + noise, trait[idx]


def random_rows(row_keys):  # train_test_split with a fixed seed, on rows
    rows = np.arange(len(row_keys))
    return np.isin(rows, train_test_split(rows, test_size=0.2, random_state=42)[1])


def group_shuffle(row_keys):  # GroupShuffleSplit with a fixed seed, on customers
    split = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=42)
    test_rows = next(split.split(row_keys, groups=row_keys))[1]
    return np.isin(np.arange(len(row_keys)), test_rows)


out = {k: child.communicate()[0].strip() for k, child in children.items()}
key_test = {
    k: dict(zip(keys, (c == "1" for c in v), strict=True)) for k, v in out.items()
}
sha_a, sha_b = key_test[SHA256, "1"], key_test[SHA256, "2"]
hash_a, hash_b = key_test[BUILTIN, "1"], key_test[BUILTIN, "2"]
row_keys, X, y = table(400)
elsewhere = seeded_child.communicate()[0].split(" -1 ")
rows_b, groups_b = (
    np.isin(np.arange(2000), np.array(r.split(), int)) for r in elsewhere
)
methods = {  # each maps a table's row keys to a test mask, and another process's mask
    "sha256 of customer id": lambda k: (np.array([sha_a[x] for x in k]), sha_b),
    "hash() of customer id": lambda k: (np.array([hash_a[x] for x in k]), hash_b),
    "GroupShuffleSplit, seed": lambda k: (group_shuffle(k), groups_b),
    "train_test_split, seed": lambda k: (random_rows(k), rows_b),
}
grown_keys, _, _ = table(500)
print(f"{'split (400 customers)':23} {'test':>5} {'shared':>6} {'acc':>5} ", end="")
print(f"{'kept after growth':>17} {'new process':>11}")
stats = {}
for name, split in methods.items():
    test, rerun = split(row_keys)
    shared = len(set(row_keys[test]) & set(row_keys[~test]))
    model = RandomForestClassifier(n_estimators=30, random_state=0)
    acc = model.fit(X[~test], y[~test]).score(X[test], y[test])
    kept = split(grown_keys)[0][: len(test)][test].mean()  # old test rows still in test
    if isinstance(rerun, dict):  # the key-hash rules: look each key up
        rerun = np.array([rerun[k] for k in row_keys])
    same = "same" if np.array_equal(rerun, test) else "differs"
    stats[name] = (shared, acc, kept, same)
    print(
        f"{name:23} {test.mean():5.3f} {shared:6d} {acc:5.2f} {kept:17.0%} {same:>11}"
    )

sha, builtin = stats["sha256 of customer id"], stats["hash() of customer id"]
groups, rows = stats["GroupShuffleSplit, seed"], stats["train_test_split, seed"]
assert sha[0] == 0 and sha[2:] == (1.0, "same")  # disjoint, stable as rows are added
assert builtin[3] == "differs"  # salted per process: another worker splits differently
assert groups[0] == 0 and groups[2] < 0.6  # disjoint, but reshuffled by new customers
assert rows[0] > 100 and rows[2] < 0.6  # shared customers, and reshuffled
assert rows[1] > 0.9 and sha[1] < 0.65  # shared customers inflate the test score
