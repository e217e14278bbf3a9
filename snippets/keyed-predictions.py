"""Keyed Predictions: a client-supplied key carries each row through shuffled, parallel scoring.

Look for: joining the outputs back by key reproduces in-order prediction exactly, joining
by position does not, and the same key later joins predictions to late-arriving labels.
"""

from concurrent.futures import ThreadPoolExecutor, as_completed

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=3_000, n_features=10, random_state=0)
X_train, y_train, X_new, y_new = X[:2_000], y[:2_000], X[2_000:], y[2_000:]
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
in_order = model.predict_proba(X_new)[:, 1]  # reference: one call, input order kept

# Client: every row gets a key the client chose (an order id); the model never sees it.
keys = [f"order-{i:04d}" for i in range(len(X_new))]
requests = list(zip(keys, X_new, strict=True))

# Serving system: a queue reorders rows, workers score batches in parallel, and batches
# come back in completion order.
rng = np.random.default_rng(0)
shuffled = [requests[i] for i in rng.permutation(len(requests))]


def score_batch(batch: list) -> list[tuple[str, float]]:
    batch_keys = [key for key, _ in batch]
    scores = model.predict_proba(np.array([features for _, features in batch]))[:, 1]
    return list(zip(batch_keys, scores, strict=True))  # pass the key through untouched


responses = []
with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(score_batch, shuffled[i : i + 64]) for i in range(0, len(shuffled), 64)]
    for future in as_completed(futures):
        responses.extend(future.result())
print("rows sent:", len(requests), "| batches:", len(futures), "| responses:", len(responses))

# Join by key: look each input's key up in the responses.
by_key = dict(responses)
joined = np.array([by_key[key] for key in keys])
key_ok = np.allclose(joined, in_order, rtol=0, atol=1e-12)
print("joined by key equals in-order prediction:", key_ok)

# Join by position: pair the i-th input with the i-th response, as if order were kept.
by_position = np.array([score for _, score in responses])
misjoined = np.mean(np.abs(by_position - in_order) > 1e-9)
print("joined by position equals in-order prediction:", bool(misjoined == 0))
print("share of rows given another row's score by position > 90%:", bool(misjoined > 0.9))

# Ground truth arrives later, in its own order, with the same keys: join and evaluate.
late_labels = {keys[i]: int(y_new[i]) for i in rng.permutation(len(keys))}
accuracy = np.mean([(by_key[key] > 0.5) == late_labels[key] for key in keys])
print(f"accuracy against late labels joined by key: {accuracy:.3f}")

assert key_ok and len(by_key) == len(keys)
assert misjoined > 0.9
assert accuracy == np.mean((in_order > 0.5) == y_new)
