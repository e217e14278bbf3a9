"""Windowed Inference: one window definition for batch training and streaming serving.

A stream replay that keeps the last 3 amounts per customer in a deque reproduces the
batch-computed features and predictions exactly; a stream that lets the current event
into its own window (an off-by-one) changes predictions.
"""

from collections import defaultdict, deque

import numpy as np
from sklearn.tree import DecisionTreeClassifier

WINDOW = 3  # the last 3 events of the same customer, not counting the current one
rng = np.random.default_rng(0)
n_events = 4000
customer = rng.integers(0, 50, n_events)  # events arrive in time order
level = rng.integers(20, 200, 50)  # each customer's usual spend
spike = rng.random(n_events) < 0.1
amount = np.round(level[customer] * rng.lognormal(0, 0.3, n_events) * np.where(spike, 3, 1))
amount = amount.astype(int)  # whole currency units keep window sums exact
is_unusual = (spike ^ (rng.random(n_events) < 0.03)).astype(int)  # 3% label noise


def features(current, window):
    # The single definition of the windowed features, used by batch and stream alike.
    mean = sum(window) / len(window) if window else np.nan
    return [current, mean, current / mean]


# Batch (training data): each event's window is a slice of that customer's history.
history = defaultdict(list)
batch = []
for key, value in zip(customer, amount, strict=True):
    batch.append(features(value, history[key][-WINDOW:]))
    history[key].append(value)
batch = np.array(batch)
train = np.arange(n_events) < 3000  # first 3000 events train, the rest are served
model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(batch[train], is_unusual[train])
expected = model.predict(batch[~train])


def replay(include_current):
    # Serving: events arrive one at a time; each customer keeps only a bounded deque.
    state = defaultdict(lambda: deque(maxlen=WINDOW))
    rows, served = [], []
    for i, (key, value) in enumerate(zip(customer, amount, strict=True)):
        window = state[key]
        if include_current:  # the bug: state is updated before the features are read
            window.append(value)
        row = features(value, list(window))
        if not include_current:
            window.append(value)
        if not train[i]:
            rows.append(row)
            served.append(model.predict(np.array([row]))[0])
    return np.array(rows), np.array(served)


truth = is_unusual[~train]
print(f"served events: {len(expected)}, batch-feature accuracy {np.mean(expected == truth):.3f}")
for name, include_current in [("same window", False), ("off-by-one ", True)]:
    rows, served = replay(include_current)
    differ = np.sum(served != expected)
    print(
        f"stream, {name}: {differ:2d} predictions differ, accuracy {np.mean(served == truth):.3f}"
    )
    if include_current:
        assert differ > 15  # a one-event shift in the window is enough to skew serving
    else:  # features and predictions match the batch computation exactly
        assert np.array_equal(rows, batch[~train], equal_nan=True) and differ == 0
