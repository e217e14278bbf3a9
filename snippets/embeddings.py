"""Embeddings: 16 numbers per product, learned from baskets, label unseen products.

Look at: with 60 labeled products, models on the 16-d embedding label the other 940
far better than one-hot ids (no signal for unseen ids) and than the same basket data
used raw; 4 or 32 dimensions do worse, so the size is a hyperparameter.
"""

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.multiclass import OneVsRestClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import normalize

rng = np.random.default_rng(0)
n_products, n_departments, n_baskets, basket_size = 1_000, 10, 3_000, 6
department = rng.integers(0, n_departments, n_products)
members = [np.flatnonzero(department == d) for d in range(n_departments)]

# Unlabeled baskets: most items come from one department, the rest are noise.
rows, cols = [], []
for basket in range(n_baskets):
    focused = rng.choice(members[rng.integers(n_departments)], basket_size)
    background = rng.integers(0, n_products, basket_size)
    items = np.where(rng.random(basket_size) < 0.6, focused, background)
    rows += [basket] * basket_size
    cols += items.tolist()
baskets = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), (n_baskets, n_products))

# Product x basket matrix, rows normalized, reduced by TruncatedSVD. Components come
# sorted by importance, so the first k of one 32-d fit are the k-d embedding.
by_product = normalize(baskets.T.tocsr())
svd = TruncatedSVD(32, algorithm="arpack", random_state=0).fit_transform(by_product)
embedding = {k: normalize(svd[:, :k]) for k in (4, 16, 32)}
co_counts = normalize(baskets.T @ baskets)  # the raw alternative: product x product
similarity = cosine_similarity(embedding[16])
np.fill_diagonal(similarity, -np.inf)
neighbors = np.argsort(-similarity, axis=1)[:, :5]
purity = float(np.mean(department[neighbors] == department[:, None]))
print(f"16-d embedding, 5 nearest neighbors in the same department: {purity:.2f}")


def logistic():  # one binary model per department
    return OneVsRestClassifier(LogisticRegression(solver="liblinear", C=10))


def knn():
    return KNeighborsClassifier(5, metric="cosine")


inputs = {
    "one-hot product id + logistic": (
        sparse.identity(n_products, format="csr"),
        logistic,
    ),
    "raw co-purchase counts + logistic": (co_counts, logistic),
    "raw co-purchase counts + 5-NN": (co_counts, knn),
    "4-d embedding + logistic": (embedding[4], logistic),
    "16-d embedding + logistic": (embedding[16], logistic),
    "32-d embedding + logistic": (embedding[32], logistic),
    "16-d embedding + 5-NN": (embedding[16], knn),
}
accuracy = {name: [] for name in inputs}
for seed in range(5):  # five draws of which 60 products carry a label
    labeled = np.random.default_rng(seed).choice(n_products, 60, replace=False)
    unlabeled = np.setdiff1d(np.arange(n_products), labeled)
    for name, (features, model) in inputs.items():
        fitted = model().fit(features[labeled], department[labeled])
        accuracy[name].append(fitted.score(features[unlabeled], department[unlabeled]))
accuracy = {name: np.array(scores) for name, scores in accuracy.items()}

print(f"{'accuracy on 940 unlabeled products':<36}{'columns':>8}{'5 label draws':>18}")
for name, scores in accuracy.items():
    width = inputs[name][0].shape[1]
    print(f"{name:<36}{width:>8}{scores.mean():>10.3f} +/- {scores.std():.3f}")
gap = accuracy["16-d embedding + logistic"] - accuracy["raw co-purchase counts + 5-NN"]
print(f"16-d + logistic - raw counts + 5-NN: {gap.mean():+.3f} +/- {2 * gap.std():.3f}")

assert purity > 0.8
assert (
    accuracy["one-hot product id + logistic"].mean() < 0.2
)  # no weight for unseen ids
assert gap.mean() > 2 * gap.std(), "the embedding must beat the same data used raw"
for k in ("4-d", "32-d"):
    assert (
        accuracy[f"{k} embedding + logistic"].mean()
        < accuracy["16-d embedding + logistic"].mean()
    )
