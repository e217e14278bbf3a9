"""Embeddings: a few numbers per product, learned from baskets, label unseen products.

Look at: with 60 labeled products and every setting chosen by cross-validation on
those 60, the embedding labels the other 940 far better than one-hot ids (no signal
for unseen ids) and better, by a smaller margin, than the same baskets used raw.
"""

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.linear_model import RidgeClassifierCV
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.model_selection import KFold
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
sizes = (4, 8, 16, 32)
embedding = {k: normalize(svd[:, :k]) for k in sizes}
# The raw alternative: product x product co-purchase counts without self-counts.
co_counts = (baskets.T @ baskets).toarray()
np.fill_diagonal(co_counts, 0)
co_counts = normalize(co_counts)
similarity = cosine_similarity(embedding[16])
np.fill_diagonal(similarity, -np.inf)
neighbors = np.argsort(-similarity, axis=1)[:, :5]
purity = float(np.mean(department[neighbors] == department[:, None]))
print(f"16-d embedding, 5 nearest neighbors in the same department: {purity:.2f}")


def ridge(features, y):  # penalty chosen by leave-one-out accuracy on the labeled rows
    alphas = np.logspace(-4, 0, 5)
    return RidgeClassifierCV(alphas=alphas, scoring="accuracy").fit(features, y)


def knn(features, y, seed):  # number of neighbors chosen by 5-fold CV
    def cv(k):
        folds = KFold(5, shuffle=True, random_state=seed).split(y)
        model = KNeighborsClassifier(k, metric="cosine")
        return np.mean(
            [model.fit(features[a], y[a]).score(features[b], y[b]) for a, b in folds]
        )

    best = max((1, 3, 5, 10), key=cv)
    return KNeighborsClassifier(best, metric="cosine").fit(features, y)


names = [
    "one-hot product id + ridge",
    "raw co-purchase counts + ridge",
    "raw co-purchase counts + k-NN",
    "embedding, size by CV + ridge",
]
one_hot = sparse.identity(n_products, format="csr")
accuracy = {name: [] for name in names}
fixed = {k: [] for k in sizes}  # each size on its own, for reference only
chosen = []
for seed in range(5):  # five draws of which 60 products carry a label
    labeled = np.random.default_rng(seed).choice(n_products, 60, replace=False)
    unlabeled = np.setdiff1d(np.arange(n_products), labeled)
    y, y_test = department[labeled], department[unlabeled]
    by_size = {k: ridge(embedding[k][labeled], y) for k in sizes}
    size = max(sizes, key=lambda k: by_size[k].best_score_)  # ties: the smaller size
    chosen.append(size)
    models = [
        (one_hot, ridge(one_hot[labeled], y)),
        (co_counts, ridge(co_counts[labeled], y)),
        (co_counts, knn(co_counts[labeled], y, seed)),
        (embedding[size], by_size[size]),
    ]
    for name, (features, model) in zip(names, models, strict=True):
        accuracy[name].append(model.score(features[unlabeled], y_test))
    for k in sizes:
        fixed[k].append(by_size[k].score(embedding[k][unlabeled], y_test))
accuracy = {name: np.array(scores) for name, scores in accuracy.items()}

print(
    f"{'940 unlabeled products':<34}{'columns':>8}   accuracy (mean +/- 1 std, 5 draws)"
)
size_chosen = "/".join(map(str, sorted(set(chosen))))  # "16" when every draw agrees
for name, scores in accuracy.items():
    width = size_chosen if name.startswith("embedding") else n_products
    print(f"{name:<34}{width:>8}{scores.mean():>10.3f} +/- {scores.std():.3f}")
print("embedding size chosen by CV in each draw:", chosen)
print("each size fixed (not used to choose):", end="")
print(", ".join(f" {k}-d {np.mean(fixed[k]):.3f}" for k in sizes))
pattern = accuracy["embedding, size by CV + ridge"]
raw = ["raw co-purchase counts + ridge", "raw co-purchase counts + k-NN"]
for name in raw:
    gap = pattern - accuracy[name]
    spread = f"{gap.mean():+.3f} +/- {2 * gap.std():.3f} (2 std)"
    print(f"embedding - {name}: {spread}, ahead in {np.sum(gap > 0)} of 5 draws")

assert purity > 0.8
assert accuracy["one-hot product id + ridge"].mean() < 0.2  # no weight for unseen ids
for name in raw:
    gap = pattern - accuracy[name]
    assert np.all(gap > 0), "the embedding must beat the same data used raw"
