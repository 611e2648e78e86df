"""The statistics tools/kernels.sh judges growth with, one copy for its checks."""
import math


def median(values):
    s = sorted(values)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def interval(values, confidence=0.95):
    """The order statistics that hold the median with about `confidence` (all of them with few values)."""
    s = sorted(values)
    count = len(s)
    cdf = [sum(math.comb(count, i) for i in range(j + 1)) / 2 ** count for j in range(count + 1)]
    k = 1
    for candidate in range(2, (count + 1) // 2 + 1):
        if 1 - 2 * cdf[candidate - 1] < confidence:
            break
        k = candidate
    return s[k - 1], s[count - k]
