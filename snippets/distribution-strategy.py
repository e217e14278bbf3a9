"""Distribution Strategy: synchronous all-reduce, local SGD, and the input pipeline.

The table trains a logistic regression for 60 steps per worker: all-reduce averages 4
workers' gradients every step and equals one worker with a 4x batch; local SGD averages
weights every k steps. It shows what each method learns, not a speed-up. Below it: the
real wall time of tiny steps, and an input pipeline simulated with sleeps."""

import time
import timeit
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

X, y = make_classification(24_000, 40, n_informative=10, flip_y=0.05, random_state=0)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=4000, random_state=0)
K, BATCH, STEPS, LR = 4, 32, 60, 0.2  # workers, rows per worker per step, steps, rate
LOAD, STEP, N = 0.008, 0.004, 8  # simulated: seconds to read a batch, to step; batches
pool = ThreadPoolExecutor(max_workers=K)


def gradient(w, rows):
    """Log-loss gradient of a logistic regression (weights, then bias) on some rows."""
    residual = 1 / (1 + np.exp(-(Xtr[rows] @ w[:-1] + w[-1]))) - ytr[rows]
    return np.append(Xtr[rows].T @ residual, residual.sum()) / len(rows)


def train(method, shards, seed, every=1):
    w, copies = np.zeros(X.shape[1] + 1), [np.zeros(X.shape[1] + 1)] * K
    for step in range(STEPS):
        # Each worker's minibatch from its own shard, seeded: all methods see the same.
        batches = [
            shard[np.random.default_rng([seed, k, step]).integers(0, len(shard), BATCH)]
            for k, shard in enumerate(shards)
        ]
        if method == "one worker":  # a batch of 32, or of 4 x 32 when every == K
            w = w - LR * gradient(w, np.concatenate(batches[:every]))
        elif method == "sync":  # all-reduce: average the K gradients, take one step
            w = w - LR * np.mean(list(pool.map(gradient, [w] * K, batches)), axis=0)
        else:  # local SGD: each copy steps alone; average the weights every k steps
            grads = pool.map(gradient, copies, batches)
            copies = [c - LR * g for c, g in zip(copies, grads, strict=True)]
            if (step + 1) % every == 0:
                copies = [np.mean(copies, axis=0)] * K
            w = copies[0]
    return w


def test_log_loss(w):
    z = Xte @ w[:-1] + w[-1]
    return np.mean(np.logaddexp(0, z) - yte * z)


def fastest(*runs, repeats=5):
    """Best of a few interleaved wall-clock timings: the least disturbed by others."""
    times = [[timeit.timeit(run, number=1) for run in runs] for _ in range(repeats)]
    return np.min(times, axis=0)


def pipeline(workers, loaders):
    """N steps; with loaders > 0, background threads read ahead (prefetch)."""
    with ThreadPoolExecutor(max(loaders, 1)) as io:
        reads = (time.sleep(LOAD) for _ in range(N))  # read, then step, in turn
        batches = io.map(time.sleep, [LOAD] * N) if loaders else reads
        for _ in batches:
            time.sleep(STEP / workers)  # a step split perfectly over the workers


def schedule(workers, loaders):
    """The pipeline's time on paper: batch i is read by (i // loaders + 1) * LOAD."""
    done = 0.0
    for i in range(N):
        ready = (i // loaders + 1) * LOAD if loaders else done + LOAD
        done = max(ready, done) + STEP / workers
    return done


random_shards = np.array_split(np.random.default_rng(0).permutation(len(ytr)), K)
label_shards = np.array_split(np.argsort(ytr, kind="stable"), K)  # skewed workers
runs = [  # name, shard kind, shards, method, average every, all-reduces
    ("1 worker, batch 32", "-", random_shards, "one worker", 1, 0),
    ("1 worker, batch 4 x 32", "-", random_shards, "one worker", K, 0),
    ("sync all-reduce, 4 workers", "random", random_shards, "sync", 1, STEPS),
    ("local SGD, average every 10", "random", random_shards, "local", 10, STEPS // 10),
    ("sync all-reduce, 4 workers", "by label", label_shards, "sync", 1, STEPS),
    ("local SGD, average every 10", "by label", label_shards, "local", 10, STEPS // 10),
    ("local SGD, average once", "by label", label_shards, "local", STEPS, 1),
]
head = ["60 steps, 5 seeds", "shards", "rows/worker", "all-reduces", "log-loss +/- std"]
print(f"{head[0]:28} {head[1]:>8} {head[2]:>11} {head[3]:>11}  {head[4]}")
loss = {}  # (name, shard kind): test log-loss per seed
for name, kind, shards, method, every, syncs in runs:
    seeds = np.array([test_log_loss(train(method, shards, s, every)) for s in range(5)])
    loss[name, kind] = seeds
    rows = BATCH * every if method == "one worker" else BATCH  # per worker per step
    spread = f"{seeds.mean():.3f} +/- {seeds.std():.3f}"
    print(f"{name:28} {kind:>8} {rows:>11} {syncs:>11}  {spread}")
# Same rows, same math: the all-reduce step is the one-worker step with a 4x batch.
w_sync = train("sync", random_shards, 0)
assert np.abs(w_sync - train("one worker", random_shards, 0, K)).max() < 1e-12
more_data = loss["1 worker, batch 32", "-"] - loss["1 worker, batch 4 x 32", "-"]
drift = loss["local SGD, average every 10", "by label"]
drift = drift - loss["sync all-reduce, 4 workers", "by label"]  # skewed shards
assert all(gap.mean() > 2 * gap.std() for gap in (more_data, drift))
# Real wall time: microsecond steps cost less than handing them out to threads.
threaded, single = fastest(
    lambda: train("sync", random_shards, 0),
    lambda: train("one worker", random_shards, 0, K),
)
assert threaded / single > 1
print("real wall clock, 60 steps of 4 x 32 rows: 4 threads / 1 worker > 1 (slower)")
setups = [(1, 0), (4, 0), (1, 1), (4, 4)]  # (workers, loader threads); 0: no prefetch
paper = np.array([schedule(*setup) for setup in setups])
timed = fastest(*[lambda s=s: pipeline(*s) for s in setups], repeats=3)
assert (timed > 0.95 * paper).all() and (timed < 1.2 * paper + LOAD).all()  # as run
print(f"pipeline simulated with sleeps: {N} batches, read {LOAD} s, step {STEP} s")
print(f"{'workers':>9} {'prefetch threads':>17} {'time on paper':>14} {'speed-up':>9}")
for (workers, loaders), sec in zip(setups, paper, strict=True):
    print(f"{workers:>9} {loaders:>17} {sec * 1e3:>11.0f} ms {paper[0] / sec:>8.1f}x")
