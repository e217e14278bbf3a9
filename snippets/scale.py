"""Scale: a kernel model's memory and per-query work grow with the data; a linear model's do not.

Each line of the table doubles the training set. Look at the Gram matrix growing 4x per
doubling, the kernel model's work per prediction growing 2x, and the linear model staying flat.
"""

import itertools

from sklearn.datasets import make_regression
from sklearn.kernel_ridge import KernelRidge
from sklearn.linear_model import Ridge
from sklearn.metrics.pairwise import rbf_kernel

MB, TB = 10**6, 10**12  # decimal units
sizes = [300, 600, 1200]
rows = {}
print("    rows  data MB  Gram MB  kernel evals/query  linear params")
for n in sizes:
    X, y = make_regression(n_samples=n, n_features=20, noise=1.0, random_state=0)
    # Fitting kernel ridge builds and solves the full n x n Gram matrix.
    gram = rbf_kernel(X, gamma=0.01)
    kernel_model = KernelRidge(kernel="rbf", gamma=0.01).fit(X, y)
    linear_model = Ridge().fit(X, y)
    # Each prediction compares the query with every stored training row.
    evals_per_query = rbf_kernel(X[:1], kernel_model.X_fit_, gamma=0.01).size
    params = linear_model.coef_.size + 1
    rows[n] = (X.nbytes, gram.nbytes, evals_per_query, params)
    data_mb, gram_mb = X.nbytes / MB, gram.nbytes / MB
    print(f"{n:>8}  {data_mb:>7.2f}  {gram_mb:>7.2f}  {evals_per_query:>18}  {params:>13}")

# Extrapolate the quadratic term to a modest production table.
big = 1_000_000
print(f"Gram matrix at {big:,} rows: {8 * big**2 / TB:,.0f} TB of float64")

for small, large in itertools.pairwise(sizes):
    data_ratio = rows[large][0] / rows[small][0]
    gram_ratio = rows[large][1] / rows[small][1]
    query_ratio = rows[large][2] / rows[small][2]
    assert data_ratio == 2 and gram_ratio == 4 and query_ratio == 2
    assert rows[large][3] == rows[small][3]  # linear model: same size, same cost per query
