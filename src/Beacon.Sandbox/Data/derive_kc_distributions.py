"""Derives kc_distributions.csv from kc_house_data.csv (King County sales 2014-2015).

The Sacramento file has no year built or lot size, so the sandbox draws them from King County's
distribution for houses of similar living area. Only these quantiles are committed, not the 2.5 MB source.
Run: python3 derive_kc_distributions.py /work/shared/data/property/kc_house_data.csv > kc_distributions.csv
"""
import csv
import sys

BOUNDS = [0, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2400, 2800, 3400, 10**9]
QUANTILES = 20

rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print("min_sqft,max_sqft,field," + ",".join(f"q{i}" for i in range(QUANTILES)))
for lo, hi in zip(BOUNDS, BOUNDS[1:]):
    bucket = [r for r in rows if lo <= int(r["sqft_living"]) < hi]
    for field in ("yr_built", "sqft_lot"):
        values = sorted(int(float(r[field])) for r in bucket)
        # Midpoint quantiles (2.5 %, 7.5 %, ... 97.5 %) so a uniform hash draw reproduces the distribution.
        qs = [values[min(len(values) - 1, int((i + 0.5) / QUANTILES * len(values)))] for i in range(QUANTILES)]
        print(f"{lo},{hi},{field}," + ",".join(str(q) for q in qs))
