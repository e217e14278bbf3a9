"""Feature Store: a time-to-live keeps an old window count from being served as fresh.

`sessions_7d` is written only on days with activity, so a customer who goes quiet
keeps an old, positive count. Customers fade for 4 weeks before they churn. Per method,
over 5 seeds, forecasting churn in the next 14 days for customers still active: values
served older than 7 days, values equal to the true count, accuracy against the
majority class, and AUC.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

TTL, N, DAYS, HORIZON = 7, 4000, np.arange(120), 14  # a value is served for 7 days


def simulate(seed):
    rng = np.random.default_rng(seed)
    rate = rng.gamma(2.0, 0.3, N)  # sessions per day while engaged
    quiet = np.where(rng.random(N) < 0.5, rng.integers(20, 120, N), 10_000)  # churn
    fade = np.clip((quiet[:, None] - DAYS) / 28, 0, 1)  # use fades before churn
    sessions = rng.poisson(rate[:, None] * fade)
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
REFERENCE = ["true count (recomputed)", "rule: TTL count 0 = churn"]
rows, majority = {m: [] for m in METHODS + REFERENCE}, []
for seed in range(5):
    written, true_7d, quiet = simulate(seed)
    half = np.arange(N) < N // 2
    for method in [*METHODS, REFERENCE[0]]:
        ttl = TTL if method == "TTL 7 days" else None
        feats = {}
        for now, part in [(50, half), (95, ~half)]:  # train on day 50, serve on day 95
            value, age = as_of(written, true_7d, now, ttl)
            value = true_7d[:, now] if method == REFERENCE[0] else value
            cols = [np.log1p(value)] + ([np.log1p(age)] if "age" in method else [])
            who = part & (quiet > now)  # still active; label: churn in the next 14 days
            label = (quiet[who] <= now + HORIZON).astype(int)
            feats[now] = np.column_stack(cols)[who], label, value[who], age[who]
        model = LogisticRegression(solver="liblinear").fit(*feats[50][:2])
        X, y, value, age = feats[95]
        stale = np.mean(age >= TTL) if ttl is None and "true" not in method else 0.0
        exact = np.mean(value == true_7d[~half & (quiet > 95), 95])
        score = model.predict_proba(X)[:, 1]
        accuracy = np.mean((score > 0.5) == y)
        rows[method].append([stale, exact, accuracy, roc_auc_score(y, score)])
        if method == "TTL 7 days":  # the rule needs no model: no sessions served
            rule = [np.mean((value == 0) == y), roc_auc_score(y, value == 0)]
            rows[REFERENCE[1]].append([0.0, exact, *rule])
    majority.append(1 - y.mean())
    # Training rows and online lookups come from the same store and the same TTL rule.
    sample = np.flatnonzero(half)[:200]
    online = [online_get(written, true_7d, c, 50, TTL) for c in sample]
    assert np.array_equal(online, as_of(written, true_7d, 50, TTL)[0][sample])

head = ["online value (5 seeds)", "stale", "exact", "accuracy", "AUC"]
print(f"{head[0]:25} {head[1]:>6} {head[2]:>6} {head[3]:>9} {head[4]:>15}")
summary = {}
for method in METHODS + REFERENCE:
    mean, std = np.mean(rows[method], axis=0), np.std(rows[method], axis=0)
    summary[method] = np.array(rows[method])
    auc = f"{mean[3]:.3f} +/- {std[3]:.3f}"
    print(f"{method:25} {mean[0]:6.1%} {mean[1]:6.1%} {mean[2]:9.3f} {auc:>15}")
print(f"{'majority class (stays)':25} {'':13} {np.mean(majority):9.3f} {0.5:>15.3f}")

plain, with_age, ttl, true, rule = (summary[m][:, 3] for m in METHODS + REFERENCE)
assert summary[METHODS[0]][:, 0].mean() > 0.1  # stale counts served as if current
assert (ttl - plain).mean() > 2 * (ttl - plain).std()  # the TTL ranks churners better
assert (ttl - rule).mean() > 2 * (ttl - rule).std()  # more than "no sessions" alone
assert (with_age - ttl).mean() > 2 * (with_age - ttl).std()  # silence is a signal
# At a 0.5 threshold no model beats always predicting "stays": churn is rare.
assert all(summary[m][:, 2].mean() < np.mean(majority) + 0.005 for m in METHODS)
