"""Batch Serving: score a large table in parallel chunks instead of one request per row.

Look for: chunked scores equal the row-by-row scores, and the chunked run is much faster
(the speed-up is asserted, and printed only as a coarse yes/no).
"""

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=2_000, n_features=20, random_state=0)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)

# The table to score offline (a stand-in for e.g. every customer, every night).
rng = np.random.default_rng(0)
table = rng.normal(size=(1_000, 20))
print("rows to score:", len(table))

# Online-style scoring: one call per row, paying the per-call overhead once per row.
start = time.perf_counter()
row_by_row = np.array([model.predict_proba(row.reshape(1, -1))[0, 1] for row in table])
row_seconds = time.perf_counter() - start


def score_chunk(chunk: np.ndarray) -> np.ndarray:
    return model.predict_proba(chunk)[:, 1]


# Batch scoring: split the table into chunks, score them on a thread pool, and
# concatenate in chunk order (map keeps the input order even if chunks finish out of order).
start = time.perf_counter()
chunks = np.array_split(table, 4)
with ThreadPoolExecutor(max_workers=2) as pool:
    batched = np.concatenate(list(pool.map(score_chunk, chunks)))
batch_seconds = time.perf_counter() - start

print("chunks:", len(chunks), "| rows per chunk:", len(chunks[0]))
same = np.allclose(batched, row_by_row, rtol=0, atol=1e-12)
print("batch scores equal row-by-row scores:", same)
print("same predicted labels:", bool(((batched > 0.5) == (row_by_row > 0.5)).all()))
speedup = row_seconds / batch_seconds
print("speed-up > 5x:", speedup > 5)
assert same
assert speedup > 5, f"batch scoring only {speedup:.1f}x faster"
