#!/usr/bin/env python3
"""Steady state of the regional labour market (docs/ODD.md 7.9, step 3) by education, with
an optional skill gradient in separations, computed by the same quadrature as
model::region::pool_weight (a clipped normal skill, 2,000 midpoints over +-6 sd).

    python3 scripts/calibration/education_split.py

For each (sigma, beta) of a grid: the steady-state unemployment u(x) = s(x) / (s(x) + f w(x) / W)
with w the ranking weight (required skill 0.2, scale sigma), f = A theta^0.5, W the fixed
point of the unemployed's mean weight, and s(x) = s exp(-beta (x - 0.5)) / E[exp(-beta (X - 0.5))];
the low educated are the bottom 20.5% of the skill distribution, the high the top 41%
(ODD 7.9, sigma). Prints the pairs that fit CBS's split (low 5.3 to 6.5%, high 2.7 to 3.0%),
the share of separations in the log-odds gap between the two groups, and the unemployment of
a wijk of skill 0.15, 0.55 and 0.8 (sd 0.2) in a region at tightness 0.19 (ODD 6.2)."""
import math

A, S, X0, MU, SD = 0.175, 0.007, 0.2, 0.5, 0.2


def points(mean, sd, n=2000):
    lo, dx = mean - 6 * sd, 12 * sd / n
    p = [(min(1.0, max(0.0, lo + (j + .5) * dx)), math.exp(-.5 * ((lo + (j + .5) * dx - mean) / sd) ** 2)) for j in range(n)]
    t = sum(g for _, g in p)
    return [(x, g / t) for x, g in p]


def weight(x, scale):
    return 1 / (1 + math.exp(-(x - X0) / scale))


def steady(scale, beta, theta):
    p = points(MU, SD)
    norm = sum(g * math.exp(-beta * (x - MU)) for x, g in p)
    sep = lambda x: S * math.exp(-beta * (x - MU)) / norm
    f = A * theta ** 0.5
    w_bar = sum(g * weight(x, scale) for x, g in p)
    for _ in range(500):
        uw = um = 0.0
        for x, g in p:
            r = sep(x) / (sep(x) + f * weight(x, scale) / w_bar)
            uw += g * r * weight(x, scale)
            um += g * r
        w_bar = uw / um
    return p, sep, (lambda x: sep(x) / (sep(x) + f * weight(x, scale) / w_bar))


def group_mean(pts, fn, lo, hi):
    cum, num, den = 0.0, 0.0, 0.0
    for x, g in sorted(pts):
        if lo <= cum < hi:
            num, den = num + g * fn(x), den + g
        cum += g
    return num / den


def main():
    print('sigma beta total low high sep_share wijk0.15@0.19 wijk0.55@0.19 wijk0.8@0.19')
    for scale in [0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.6, 1.0, 3.0]:
        for beta in [0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0]:
            p, sep, u = steady(scale, beta, 1.15)
            low, high = group_mean(p, u, 0, 0.205), group_mean(p, u, 1 - 0.41, 2)
            if not (0.053 < low < 0.065 and 0.027 <= high <= 0.030):
                continue
            odds = math.log(low / (1 - low)) - math.log(high / (1 - high))
            share = math.log(group_mean(p, sep, 0, 0.205) / group_mean(p, sep, 1 - 0.41, 2)) / odds
            _, _, u19 = steady(scale, beta, 0.19)
            wijk = [sum(g * u19(x) for x, g in points(m, 0.2)) for m in (0.15, 0.55, 0.8)]
            total = sum(g * u(x) for x, g in p)
            print(scale, beta, ' '.join(f'{v:.4f}' for v in [total, low, high, share] + wijk))


if __name__ == '__main__':
    main()
