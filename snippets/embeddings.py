"""Embeddings: 16 numbers per product, learned from baskets, replace a 1,000-column one-hot.

Look at: products from the same department end up close (neighbor purity), and with only
60 labeled products the embedding model labels the rest far better than one-hot can.
"""

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import OneHotEncoder, normalize

rng = np.random.default_rng(0)
n_products, n_departments, n_baskets, basket_size = 1_000, 10, 3_000, 6
department = rng.integers(0, n_departments, n_products)
members = [np.flatnonzero(department == d) for d in range(n_departments)]

# Unlabeled co-occurrence data: most of a basket comes from one department, the rest is noise.
rows, cols = [], []
for basket in range(n_baskets):
    focused = rng.choice(members[rng.integers(n_departments)], basket_size)
    background = rng.integers(0, n_products, basket_size)
    items = np.where(rng.random(basket_size) < 0.6, focused, background)
    rows += [basket] * basket_size
    cols += items.tolist()
baskets = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_baskets, n_products))

# Product x basket matrix -> 16 dimensions; a product is described by the baskets it shares.
svd = TruncatedSVD(n_components=16, algorithm="arpack", random_state=0)
embedding = normalize(svd.fit_transform(normalize(baskets.T.tocsr())))
print(f"input: {n_products} one-hot columns -> embedding: {embedding.shape[1]} dimensions")

# Similar products are close: the 5 nearest neighbors share the product's department.
similarity = cosine_similarity(embedding)
np.fill_diagonal(similarity, -np.inf)
neighbors = np.argsort(-similarity, axis=1)[:, :5]
purity = float(np.mean(department[neighbors] == department[:, None]))
print(f"5-nearest-neighbor department purity: {purity:.2f} (chance {1 / n_departments:.2f})")
assert purity > 0.8

# Few labels: learn each product's department from 60 labeled products, score the rest.
labeled = rng.choice(n_products, 60, replace=False)
unlabeled = np.setdiff1d(np.arange(n_products), labeled)
ids = np.arange(n_products).reshape(-1, 1)
one_hot = OneHotEncoder(categories=[np.arange(n_products)]).fit(ids)
models = {
    "one-hot product id": one_hot.transform(ids),
    "16-d embedding": embedding,
}
scores = {}
for name, features in models.items():
    model = LogisticRegression(max_iter=1_000).fit(features[labeled], department[labeled])
    scores[name] = model.score(features[unlabeled], department[unlabeled])
    print(f"{name:<20} accuracy on {len(unlabeled)} unlabeled products: {scores[name]:.2f}")

# One-hot has no column weight for a product it never saw; the embedding generalizes.
assert scores["one-hot product id"] < 0.3
assert scores["16-d embedding"] > scores["one-hot product id"] + 0.4
