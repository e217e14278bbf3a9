"""Encoding Many Categories: encodings of a product id on the same rows.

Look at the AUC on new ids: only the session rows (a dense embedding, or one-hot
k-means clusters of it) carry signal; a hashed new id inherits another id's weight.
"""

import os

os.environ["OMP_NUM_THREADS"] = "1"  # k-means uses OpenMP; one thread is enough here

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold
from sklearn.preprocessing import OneHotEncoder, TargetEncoder, normalize

rng = np.random.default_rng(0)
# 3,000 product ids in 20 hidden departments; ids 2,400+ launch after training.
N_IDS, N_KNOWN, N_GROUPS = 3_000, 2_400, 20
group = rng.integers(0, N_GROUPS, N_IDS)
dept_effect = rng.permutation(np.linspace(-2, 2, N_GROUPS))
effect = dept_effect[group] + rng.normal(0, 0.3, N_IDS)
popularity = 1 / (np.arange(N_KNOWN) + 20.0)  # long tail: most ids have few rows
popularity /= popularity.sum()
# Unlabeled browsing sessions (8 views each, mostly one department) cover every id,
# new ones included; a truncated SVD of the id x session matrix gives 16-d embeddings.
n_sessions, views = 6_000, 8
by_group = np.argsort(group, kind="stable")
start, size = np.searchsorted(group[by_group], np.arange(N_GROUPS)), np.bincount(group)
dept = rng.integers(N_GROUPS, size=(n_sessions, 1))
pick = (rng.random((n_sessions, views)) * size[dept]).astype(int)
focused = by_group[start[dept] + pick]
noise = rng.integers(0, N_IDS, (n_sessions, views))
viewed = np.where(rng.random((n_sessions, views)) < 0.7, focused, noise)
session = np.repeat(np.arange(n_sessions), views)
seen = sparse.csr_matrix((np.ones(viewed.size), (viewed.ravel(), session)))
table = normalize(TruncatedSVD(16, random_state=0).fit_transform(normalize(seen)))
# Label-free encodings are matrices indexed by id. Hashing keeps no state (each string
# is hashed once here); the embedding, and one-hot k-means clusters of it, keep a row
# per id (the generator has exactly 20 departments; k=10 and 40 test that choice).
text, lookups = [{f"id{i}": 1} for i in range(N_IDS)], {"Embeddings (16-d SVD)": table}
for n in (64, 256, 2048):
    lookups[f"Hashed Feature, {n} buckets"] = FeatureHasher(n).transform(text)
for k in (10, 20, 40):
    one_hot_cluster = np.eye(k)[KMeans(k, random_state=0).fit_predict(table)]
    lookups[f"session clusters, k={k}"] = one_hot_cluster


def labeled_rows(n, ids, p=None):  # clicks depend on department and one number
    chosen = rng.choice(ids, n, p=p)
    x = rng.normal(size=n)
    click = rng.random(n) < 1 / (1 + np.exp(-(effect[chosen] + x - 1)))
    return chosen, x, click.astype(int)


def encoders(ids, clicks):
    """Fit on training ids; name -> (encode function, lookup rows kept)."""
    one_hot = OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5)
    vocab = len(one_hot.fit(ids[:, None]).categories_[0])
    target = TargetEncoder(cv=KFold(5, shuffle=True, random_state=0))
    fitted_target = target.fit_transform(ids[:, None], clicks)  # for training rows
    return {
        "one-hot + infrequent bucket": (lambda c: one_hot.transform(c[:, None]), vocab),
        "target encoding": (
            lambda c: fitted_target if c is ids else target.transform(c[:, None]),
            vocab,
        ),
    } | {
        name: (matrix.__getitem__, 0 if name.startswith("Hashed") else N_IDS)
        for name, matrix in lookups.items()
    }


def design(encoded, x):
    return sparse.hstack([sparse.csr_matrix(encoded), x[:, None]]).tocsr()


results = {}  # name -> list of (columns, lookup rows, AUC known ids, AUC new ids)
for _repeat in range(5):
    train = labeled_rows(8_000, np.arange(N_KNOWN), popularity)
    known = labeled_rows(3_000, np.arange(N_KNOWN), popularity)
    new = labeled_rows(2_000, np.arange(N_KNOWN, N_IDS))
    for name, (encode, lookup) in encoders(train[0], train[2]).items():
        X_train = design(encode(train[0]), train[1])
        model = LogisticRegression(solver="liblinear").fit(X_train, train[2])
        aucs = [
            roc_auc_score(y, model.predict_proba(design(encode(ids), x))[:, 1])
            for ids, x, y in (known, new)
        ]
        results.setdefault(name, []).append((X_train.shape[1] - 1, lookup, *aucs))

print("AUC over 5 resamples (mean +/- std); lookup = rows kept for serving")
print(f"{'encoding':<28}{'columns':>8}{'lookup':>8}{'known ids':>16}{'new ids':>16}")
ROW = "{:<28}{:>8.0f}{:>8.0f}{:>9.3f} +/- {:.3f}{:>9.3f} +/- {:.3f}"
for name, rows in results.items():
    m, s = np.mean(rows, axis=0), np.std(rows, axis=0)
    print(ROW.format(name, m[0], m[1], m[2], s[2], m[3], s[3]))


def gap(a, b, column):
    """Low and high ends (mean -/+ 2 std over resamples) of the AUC gap a - b."""
    diff = np.array(results[a])[:, column] - np.array(results[b])[:, column]
    return diff.mean() - 2 * diff.std(), diff.mean() + 2 * diff.std()


base, emb = "one-hot + infrequent bucket", "Embeddings (16-d SVD)"
assert gap(emb, base, 3)[0] > 0.05  # new ids: the session signal is the only one
assert gap(emb, base, 2)[0] > 0  # known ids: rare ids borrow from neighbors
for column in (2, 3):  # the same signal as 20 one-hot clusters: better still
    assert gap("session clusters, k=20", emb, column)[0] > 0
for n in (64, 256, 2048):  # a new id lands in a known id's bucket at every size
    assert gap(f"Hashed Feature, {n} buckets", base, 3)[1] < 0
assert abs(np.mean(gap("Hashed Feature, 2048 buckets", base, 2))) < 0.01  # level
# Fewer buckets (7 ids each at 256) only merge unrelated ids on known ids.
assert gap("Hashed Feature, 2048 buckets", "Hashed Feature, 256 buckets", 2)[0] > 0
assert np.allclose(gap("target encoding", base, 3), 0.0)  # the same fallback
