"""Encoding Many Categories: four encodings of a product id on the same rows.

Look at the two AUC columns: on ids seen in training the options are close; on ids
launched after training only the embedding (learned from browsing sessions that already
include them) carries signal, and a hashed new id inherits another id's weight.
"""

import numpy as np
from scipy import sparse
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
effect = rng.permutation(np.linspace(-2, 2, N_GROUPS))[group] + rng.normal(
    0, 0.3, N_IDS
)
popularity = 1 / (np.arange(N_KNOWN) + 20.0)  # long tail: most ids have few rows
popularity /= popularity.sum()

# Unlabeled browsing sessions (8 views each, mostly one department) cover every id,
# new ones included; a truncated SVD of the id x session matrix gives 16-d embeddings.
n_sessions, views = 6_000, 8
by_group = np.argsort(group, kind="stable")
start, size = np.searchsorted(group[by_group], np.arange(N_GROUPS)), np.bincount(group)
dept = rng.integers(N_GROUPS, size=(n_sessions, 1))
focused = by_group[
    start[dept] + (rng.random((n_sessions, views)) * size[dept]).astype(int)
]
noise = rng.integers(0, N_IDS, (n_sessions, views))
viewed = np.where(rng.random((n_sessions, views)) < 0.7, focused, noise)
session = np.repeat(np.arange(n_sessions), views)
views_matrix = sparse.csr_matrix((np.ones(viewed.size), (viewed.ravel(), session)))
svd = TruncatedSVD(n_components=16, random_state=0)
table = normalize(svd.fit_transform(normalize(views_matrix)))


def labeled_rows(n, ids, p=None):
    """Clicks depend on the product's department and on one numeric input."""
    chosen = rng.choice(ids, n, p=p)
    x = rng.normal(size=n)
    click = rng.random(n) < 1 / (1 + np.exp(-(effect[chosen] + x - 1)))
    return chosen, x, click.astype(int)


def encoders(ids, clicks):
    """Each option: fit on training ids, return (encode function, lookup rows kept)."""
    column = ids.reshape(-1, 1)
    one_hot = OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5)
    one_hot.fit(column)
    target = TargetEncoder(cv=KFold(5, shuffle=True, random_state=0))
    fitted_target = target.fit_transform(column, clicks)  # cross-fitted on training
    hasher = FeatureHasher(n_features=2_048, input_type="string")
    return {
        "one-hot + infrequent bucket": (
            lambda c: one_hot.transform(c.reshape(-1, 1)),
            len(one_hot.categories_[0]),
        ),
        "Hashed Feature": (lambda c: hasher.transform([[f"id{i}"] for i in c]), 0),
        # Training rows get their cross-fitted values; other rows the full-data ones.
        "target encoding": (
            lambda c: fitted_target if c is ids else target.transform(c.reshape(-1, 1)),
            len(target.categories_[0]),
        ),
        "Embeddings": (lambda c: table[c], N_IDS),
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
for name, rows in results.items():
    cols, lookup, known_auc, new_auc = np.array(rows).T
    print(
        f"{name:<28}{cols.mean():>8.0f}{lookup.mean():>8.0f}"
        f"{known_auc.mean():>9.3f} +/- {known_auc.std():.3f}"
        f"{new_auc.mean():>9.3f} +/- {new_auc.std():.3f}"
    )


def gap(a, b, column):
    """Mean and std over resamples of the AUC difference a - b."""
    diff = np.array(results[a])[:, column] - np.array(results[b])[:, column]
    return diff.mean(), diff.std()


base = "one-hot + infrequent bucket"
mean, std = gap("Embeddings", base, 3)  # new ids: the embedding is the only signal
assert mean > 0.05 and mean > 2 * std
mean, std = gap("Hashed Feature", base, 3)  # new id lands in a known id's bucket
assert mean < 0 and -mean > 2 * std
mean, std = gap("Hashed Feature", base, 2)  # known ids: no difference beyond noise
assert abs(mean) < 2 * std + 0.005
# Unseen ids fall back to one constant, so only the numeric input ranks them.
assert np.allclose(gap("target encoding", base, 3), 0.0)
mean, std = gap("Embeddings", base, 2)  # known ids: rare ids borrow from neighbors
assert mean > 2 * std
