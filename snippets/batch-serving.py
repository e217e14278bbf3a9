"""Batch Serving: score a whole table in large chunks instead of one call per row.

Look at where each gain comes from: vectorizing (one call per chunk, not per row) gives
the speed; chunking bounds peak memory; threads pay only when chunks wait on I/O.
"""

import time
import timeit
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=2_000, n_features=20, random_state=0)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
# The table to score offline, e.g. every customer, every night.
table = np.random.default_rng(0).normal(size=(100_000, 20))
N_CHUNKS, N_THREADS, IO_WAIT = 8, 4, 0.04
bounds = np.linspace(0, len(table), N_CHUNKS + 1).astype(int)


def score(rows):
    return model.predict_proba(rows)[:, 1]


def score_chunk(i, io_wait=0.0):
    time.sleep(io_wait)  # stands in for reading the chunk's row group from storage
    return score(table[bounds[i] : bounds[i + 1]])


def sequential(io_wait=0.0):
    return np.concatenate([score_chunk(i, io_wait) for i in range(N_CHUNKS)])


def threaded(io_wait=0.0):
    waits = [io_wait] * N_CHUNKS
    with ThreadPoolExecutor(max_workers=N_THREADS) as pool:  # map keeps chunk order
        return np.concatenate(list(pool.map(score_chunk, range(N_CHUNKS), waits)))


def seconds(run, repeat=3):
    return min(timeit.repeat(run, number=1, repeat=repeat))


def peak_mb(run):
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


# Per-row calls, as an online endpoint would make them, timed on a sample.
sample = table[:300]
per_row = np.array([score(row[None])[0] for row in sample])
per_row_rate = len(sample) / seconds(lambda: [score(row[None]) for row in sample])
methods = {  # name: (predict calls, scoring run)
    "one vectorized call": (1, lambda: score(table)),
    "chunked, sequential": (N_CHUNKS, sequential),
    f"chunks on {N_THREADS} threads": (N_CHUNKS, threaded),
}
speedup, memory = {}, {}
for name, (_, run) in methods.items():
    assert np.allclose(run()[:300], per_row, rtol=0, atol=1e-12)  # same scores
    speedup[name] = len(table) / seconds(run) / per_row_rate
    memory[name] = peak_mb(run)
# Compute alone gains little from threads; waiting does. Same chunks, 40 ms wait each.
io_sequential = seconds(lambda: sequential(IO_WAIT), 2)
io_gain = io_sequential / seconds(lambda: threaded(IO_WAIT), 2)

# Timings vary from machine to machine, so the table prints the floors the asserts
# check, not the timings. The threads' peak depends on how many chunks overlap, so it
# prints the bound: one chunk if they take turns, one chunk per thread if all overlap.
SPEED_FLOOR, IO_FLOOR = 200, 2
chunk_mb = memory["chunked, sequential"]
in_flight = N_THREADS * chunk_mb
shown_mb = {name: f"{mb:.1f}" for name, mb in memory.items()}
shown_mb[f"chunks on {N_THREADS} threads"] = f"{chunk_mb:.1f}-{in_flight:.1f}*"
print(f"{len(table):,} rows; {N_CHUNKS} chunks of {bounds[1]:,} rows; same scores")
print(f"{'method':<20} {'calls':>7} {'peak MB':>10} {'vs per-row':>11} {'with I/O':>9}")
row_mb = peak_mb(lambda: score(sample[:1]))
print(
    f"{'per-row calls':<20} {len(table):>7,} {row_mb:>10.1f} {'baseline':>11} {'-':>9}"
)
io = {"chunked, sequential": "baseline"}
if io_gain > IO_FLOOR:  # 4 threads against the same chunks in sequence
    io[f"chunks on {N_THREADS} threads"] = f"> {IO_FLOOR}x"
for name, (calls, _) in methods.items():
    fold = f"> {SPEED_FLOOR}x" if speedup[name] > SPEED_FLOOR else "below floor"
    print(
        f"{name:<20} {calls:>7,} {shown_mb[name]:>10} {fold:>11} {io.get(name, '-'):>9}"
    )
print("* bound on the threads' peak: one chunk to one chunk per thread")

assert min(speedup.values()) > SPEED_FLOOR, speedup  # the speed comes from vectorizing
assert chunk_mb < memory["one vectorized call"] / 4  # chunks bound the peak memory
assert chunk_mb * 0.95 <= memory[f"chunks on {N_THREADS} threads"] <= in_flight * 1.05
assert io_gain > IO_FLOOR, io_gain  # threads pay when chunks wait on I/O
