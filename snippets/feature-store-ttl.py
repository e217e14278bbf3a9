"""Feature Store: a time-to-live keeps an old window count from being served as fresh.

`sessions_7d` is written only on days with activity, so a customer who goes quiet
keeps an old, positive count. Per method, over 5 seeds: values served older than 7
days, values equal to the true count, accuracy, and the share of churners caught.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

TTL, N, DAYS = 7, 2000, np.arange(90)  # a value is served for 7 days after its event


def simulate(seed):
    rng = np.random.default_rng(seed)
    rate = rng.gamma(2.0, 1.0, N)  # sessions per day while active
    quiet = np.where(rng.random(N) < 0.3, rng.integers(20, 90, N), 10_000)  # churn
    sessions = rng.poisson(rate[:, None], (N, len(DAYS))) * (quiet[:, None] > DAYS)
    total = np.cumsum(sessions, axis=1)
    true_7d = total - np.c_[np.zeros((N, 7), int), total[:, :-7]]  # days d-6..d
    return sessions > 0, true_7d, quiet  # written: the job writes only on active days


def as_of(written, values, now, ttl=None):
    # Offline read (training rows): the latest value at or before `now`, if not expired.
    last = np.where(written[:, : now + 1], DAYS[: now + 1], -(10**6)).max(axis=1)
    value = values[np.arange(N), np.maximum(last, 0)].astype(float)
    expired = now - last >= (ttl or 10**7)
    return np.where(expired, 0.0, value), np.minimum(now - last, 99)  # none: 0 sessions


def online_get(written, values, customer, now, ttl=None):
    # Online read: a key-value store that the same writes fill, last write wins.
    days = np.flatnonzero(written[customer, : now + 1])
    if len(days) == 0 or (ttl and now - days[-1] >= ttl):
        return 0.0  # expired or never written: not served, so 0 sessions in the window
    return float(values[customer, days[-1]])


METHODS = ["latest value, no TTL", "latest value + its age", "TTL 7 days"]
rows = {m: [] for m in METHODS}
for seed in range(5):
    written, true_7d, quiet = simulate(seed)
    train, serve = np.arange(N) < N // 2, np.arange(N) >= N // 2
    for method in METHODS:
        ttl = TTL if method == "TTL 7 days" else None
        feats = {}
        for now, who in [(50, train), (89, serve)]:  # train on day 50, serve on day 89
            value, age = as_of(written, true_7d, now, ttl)
            cols = [np.log1p(value)] + ([age] if "age" in method else [])
            feats[now] = np.column_stack(cols)[who], (quiet[who] <= now).astype(int)
        model = LogisticRegression(solver="liblinear").fit(*feats[50])
        X, y = feats[89]
        predicted = model.predict(X)
        value, age = as_of(written, true_7d, 89, ttl)
        stale = np.mean(age[serve] >= TTL) if ttl is None else 0.0  # TTL: not served
        exact = np.mean(value[serve] == true_7d[serve, 89])
        caught = np.mean(predicted[y == 1])
        rows[method].append([stale, exact, np.mean(predicted == y), caught])
    # Training rows and online lookups come from the same store and the same TTL rule.
    sample = np.flatnonzero(train)[:200]
    online = [online_get(written, true_7d, c, 50, TTL) for c in sample]
    assert np.array_equal(online, as_of(written, true_7d, 50, TTL)[0][sample])

head = ["online value (5 seeds)", "stale", "exact", "accuracy", "caught"]
print(f"{head[0]:23} {head[1]:>6} {head[2]:>6} {head[3]:>14} {head[4]:>7}")
summary = {}
for method in METHODS:
    mean, std = np.mean(rows[method], axis=0), np.std(rows[method], axis=0)
    summary[method] = mean, std
    acc = f"{mean[2]:.3f} +/- {std[2]:.3f}"
    print(f"{method:23} {mean[0]:6.1%} {mean[1]:6.1%} {acc:>14} {mean[3]:7.1%}")

plain, with_age, ttl = (summary[m] for m in METHODS)
assert plain[0][0] > 0.2 and ttl[0][0] == 0  # stale counts served as if current
assert ttl[0][1] > plain[0][1] + 0.2  # more served values equal the true count
assert ttl[0][2] - plain[0][2] > 2 * (ttl[1][2] + plain[1][2])  # and accuracy rises
assert abs(ttl[0][2] - with_age[0][2]) < 0.02  # the age as a feature does about as well
