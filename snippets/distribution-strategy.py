"""Distribution Strategy: data-parallel SGD with synchronous parameter averaging.

Eight workers each see one eighth of the rows per epoch, then average and share
their weights. Look at the R^2 column: the averaged model matches one worker that
reads every row, and beats a model that only ever saw one shard.
"""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.datasets import make_regression
from sklearn.linear_model import SGDRegressor
from sklearn.model_selection import train_test_split

X, y = make_regression(
    n_samples=10000, n_features=300, n_informative=200, noise=300.0, random_state=0
)
y = y / y.std()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=2000, random_state=0)
N_WORKERS, N_EPOCHS = 8, 10


def new_model():
    # Same optimizer settings everywhere; we shuffle ourselves with seeded generators.
    return SGDRegressor(learning_rate="constant", eta0=0.0005, alpha=1e-5, shuffle=False)


shards = np.array_split(np.random.default_rng(0).permutation(len(X_train)), N_WORKERS)
workers = [new_model() for _ in range(N_WORKERS)]
single, one_shard_only = new_model(), new_model()


def local_epoch(worker_id, epoch):
    """One pass of one worker over its own shard, starting from the shared weights."""
    shard = shards[worker_id]
    rows = shard[np.random.default_rng([epoch, worker_id]).permutation(len(shard))]
    workers[worker_id].partial_fit(X_train[rows], y_train[rows])


with ThreadPoolExecutor(max_workers=N_WORKERS) as pool:
    for epoch in range(N_EPOCHS):
        list(pool.map(local_epoch, range(N_WORKERS), [epoch] * N_WORKERS))
        # Synchronous all-reduce: average every worker's parameters, then broadcast.
        coef = np.mean([worker.coef_ for worker in workers], axis=0)
        intercept = np.mean([worker.intercept_ for worker in workers], axis=0)
        for worker in workers:
            worker.coef_, worker.intercept_ = coef.copy(), intercept.copy()
        # Baselines: one worker over all rows, and one worker stuck with shard 0.
        order = np.random.default_rng(epoch).permutation(len(X_train))
        single.partial_fit(X_train[order], y_train[order])
        one_shard_only.partial_fit(X_train[shards[0]], y_train[shards[0]])

r2_distributed = workers[0].score(X_test, y_test)
r2_single = single.score(X_test, y_test)
r2_one_shard = one_shard_only.score(X_test, y_test)
rows_per_worker = len(shards[0])
print(f"workers: {N_WORKERS}, epochs: {N_EPOCHS}, parameter syncs: {N_EPOCHS}")
print(f"rows per worker per epoch: {rows_per_worker} (single worker: {len(X_train)})")
print(f"work per worker per epoch: {len(X_train) // rows_per_worker}x smaller")
print(f"test R^2  {N_WORKERS} workers averaged: {r2_distributed:.3f}")
print(f"test R^2  1 worker, all rows:    {r2_single:.3f}")
print(f"test R^2  1 worker, one shard:   {r2_one_shard:.3f}")

assert all(np.array_equal(worker.coef_, workers[0].coef_) for worker in workers)  # in sync
assert abs(r2_distributed - r2_single) < 0.01  # same quality as the single worker
assert r2_distributed > r2_one_shard + 0.03  # averaging uses every shard's data
assert len(X_train) // rows_per_worker == N_WORKERS
