"""Scale: exact kernel SVM on growing samples, against approximate and streaming fits.

Read the table by rows: exact SVC on 1,000 to 8,000 rows (fewer rows is the
"subsample" option), then three ways to use all 8,000 rows at bounded cost. Columns:
test accuracy, the largest working memory a fit needs, and kernel evaluations per
prediction. Timings vary by machine, so the lines below the table assert them instead.
"""

import time

from sklearn.datasets import make_classification
from sklearn.kernel_approximation import Nystroem
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = make_classification(
    n_samples=10_000, n_features=10, n_informative=5, n_redundant=0,
    class_sep=1.0, flip_y=0.02, random_state=0,
)  # fmt: skip
scaler = StandardScaler().fit(X[:8000])
X_train, y_train = scaler.transform(X[:8000]), y[:8000]
X_test, y_test = scaler.transform(X[8000:]), y[8000:]
MB, CHUNK, LANDMARKS = 1e6, 1000, 300
rows, steps, seconds = [], {}, {}

# Exact SVC: libsvm's SMO solver caches kernel columns (cache_size, 200 MB by
# default) instead of storing the n x n matrix; each step updates every active row.
for n in [1000, 2000, 4000, 8000]:
    start = time.process_time()  # libsvm runs on one thread: CPU time is stable
    svc = SVC(cache_size=200).fit(X_train[:n], y_train[:n])
    seconds[n] = time.process_time() - start
    steps[n] = int(svc.n_iter_[0])
    acc = svc.score(X_test, y_test)
    rows.append(("SVC (RBF), exact", n, acc, "<= 200 (cache)", svc.n_support_.sum()))

# Nystroem: an RBF kernel against 300 landmark rows, then a linear model on top.
nystroem = Nystroem(n_components=LANDMARKS, random_state=0).fit(X_train)
features = nystroem.transform(X_train)
in_memory = SGDClassifier(loss="log_loss", random_state=0).fit(features, y_train)
acc = in_memory.score(nystroem.transform(X_test), y_test)
rows.append(("Nystroem(300) + SGD, in memory", 8000, acc, features.nbytes / MB, 300))

# Streaming: landmarks from the first chunk, then partial_fit chunk by chunk, so
# memory is bounded by one chunk however many rows arrive.
stream = Nystroem(n_components=LANDMARKS, random_state=0).fit(X_train[:CHUNK])
sgd, linear = (SGDClassifier(loss="log_loss", random_state=0) for _ in range(2))
for _ in range(3):  # passes over the data
    for i in range(0, 8000, CHUNK):
        chunk, target = X_train[i : i + CHUNK], y_train[i : i + CHUNK]
        sgd.partial_fit(stream.transform(chunk), target, classes=[0, 1])
        linear.partial_fit(chunk, target, classes=[0, 1])
acc = sgd.score(stream.transform(X_test), y_test)
rows.append(("Nystroem(300) + SGD, chunks", 8000, acc, CHUNK * LANDMARKS * 8 / MB, 300))
acc = linear.score(X_test, y_test)
rows.append(("SGD partial_fit, linear", 8000, acc, CHUNK * 10 * 8 / MB, 0))

header = f"{'rows':>6}{'test acc':>10}{'fit memory MB':>16}{'evals/query':>13}"
print(f"{'method':<31}{header}")
for name, n, acc, memory, evals in rows:
    memory = memory if isinstance(memory, str) else f"{memory:.2f}"
    print(f"{name:<31}{n:>6}{acc:>10.3f}{memory:>16}{evals:>13}")
print("SVC SMO steps: " + ", ".join(f"{steps[n]:,}" for n in steps))
growth = seconds[8000] / seconds[2000]
print(f"SVC fit CPU time, 2,000 -> 8,000 rows, grows more than 6x: {growth > 6}")
gram = 8 * 8000**2 / MB
print(f"a full 8,000-row kernel matrix (KernelRidge, GP) needs {gram:,.0f} MB")

acc = {name if n == 8000 else n: a for name, n, a, _, _ in rows}
# Exact SVC keeps improving with more rows, and its fit time grows super-linearly.
assert acc["SVC (RBF), exact"] > acc[2000] + 0.015 and growth > 6
assert steps[8000] > 1.5 * steps[4000] > 2 * steps[2000]
# Nystroem on all rows beats a linear model clearly; the linear stream cannot bend.
for name in ["Nystroem(300) + SGD, in memory", "Nystroem(300) + SGD, chunks"]:
    assert acc[name] > acc["SGD partial_fit, linear"] + 0.04
