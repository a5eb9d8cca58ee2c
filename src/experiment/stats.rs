//! Statistics over replications: means with confidence intervals, paired and Welch
//! t-tests (statrs), effect sizes, Morris elementary effects.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Mean, standard deviation and the half-width of the 95% confidence interval of the mean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// Number of values.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n - 1).
    pub sd: f64,
    /// Half-width of the 95% confidence interval (Student t).
    pub ci95: f64,
}

/// Summarises a sample.
pub fn summary(x: &[f64]) -> Summary {
    let n = x.len();
    let mean = if n == 0 {
        f64::NAN
    } else {
        x.iter().sum::<f64>() / n as f64
    };
    let sd = if n < 2 {
        0.0
    } else {
        (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt()
    };
    let ci95 = if n < 2 {
        f64::NAN
    } else {
        t_quantile(0.975, n as f64 - 1.0) * sd / (n as f64).sqrt()
    };
    Summary { n, mean, sd, ci95 }
}

fn t_quantile(p: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df)
        .map(|t| t.inverse_cdf(p))
        .unwrap_or(f64::NAN)
}

/// Benjamini-Hochberg adjusted p-values (q-values) of a family of tests, in the order
/// given: q_(i) = min over j >= i of p_(j) m / j for the sorted p-values, at most 1. A
/// p-value that is not a number (a test that could not be done) is left out of the family
/// and its q is NaN. Benjamini and Hochberg (1995), J. R. Stat. Soc. B 57, 289-300.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let m = order.len() as f64;
    let mut q = vec![f64::NAN; p.len()];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m / (rank + 1) as f64);
        q[i] = running;
    }
    q
}

/// A two-sided test result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Test {
    /// The t statistic.
    pub t: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// Two-sided p-value.
    pub p: f64,
}

fn two_sided(t: f64, df: f64) -> f64 {
    if !t.is_finite() || df <= 0.0 {
        return if t == 0.0 { 1.0 } else { f64::NAN };
    }
    StudentsT::new(0.0, 1.0, df)
        .map(|d| 2.0 * (1.0 - d.cdf(t.abs())))
        .unwrap_or(f64::NAN)
}

/// Paired t-test of `b - a` (replicate i of both used the same seed).
pub fn paired(a: &[f64], b: &[f64]) -> Test {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let s = summary(&d);
    let df = d.len() as f64 - 1.0;
    let t = if s.sd == 0.0 {
        if s.mean == 0.0 {
            0.0
        } else {
            f64::INFINITY.copysign(s.mean)
        }
    } else {
        s.mean / (s.sd / (d.len() as f64).sqrt())
    };
    let p = if t.is_infinite() {
        0.0
    } else {
        two_sided(t, df)
    };
    Test { t, df, p }
}

/// Welch's t-test of `mean(b) - mean(a)` for independent samples.
///
/// Convention when both samples are constant (both variances zero, so t is 0/0 or x/0):
/// equal means give t = 0 and p = 1; different means give t = ±infinity and p = 0, as the
/// limit of a vanishing variance gives. Either sample shorter than 2 gives NaN.
pub fn welch(a: &[f64], b: &[f64]) -> Test {
    let (sa, sb) = (summary(a), summary(b));
    if sa.n < 2 || sb.n < 2 {
        return Test {
            t: f64::NAN,
            df: f64::NAN,
            p: f64::NAN,
        };
    }
    let (va, vb) = (sa.sd.powi(2) / sa.n as f64, sb.sd.powi(2) / sb.n as f64);
    let diff = sb.mean - sa.mean;
    if va + vb == 0.0 {
        let (t, p) = if diff == 0.0 {
            (0.0, 1.0)
        } else {
            (f64::INFINITY.copysign(diff), 0.0)
        };
        return Test {
            t,
            df: (sa.n + sb.n - 2) as f64,
            p,
        };
    }
    let t = diff / (va + vb).sqrt();
    let df =
        (va + vb).powi(2) / (va.powi(2) / (sa.n as f64 - 1.0) + vb.powi(2) / (sb.n as f64 - 1.0));
    Test {
        t,
        df,
        p: two_sided(t, df),
    }
}

/// Cohen's d for paired samples (d_z): the mean difference over the standard deviation of
/// the differences.
///
/// Convention when the differences do not vary: 0 when they are all zero; ±infinity for a
/// constant, non-zero shift (every replicate moved by exactly the same amount: the effect
/// is as clear as an effect can be, not absent). Written as `inf` / `-inf` in CSV and as
/// the strings `"inf"` / `"-inf"` in JSON.
pub fn cohens_d_paired(a: &[f64], b: &[f64]) -> f64 {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let s = summary(&d);
    if s.sd == 0.0 {
        if s.mean == 0.0 {
            0.0
        } else {
            f64::INFINITY.copysign(s.mean)
        }
    } else {
        s.mean / s.sd
    }
}

/// Morris's mu* (mean absolute elementary effect) and sigma (standard deviation).
pub fn morris(effects: &[f64]) -> (f64, f64) {
    let n = effects.len() as f64;
    if effects.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let mu_star = effects.iter().map(|e| e.abs()).sum::<f64>() / n;
    (mu_star, summary(effects).sd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benjamini_hochberg_matches_a_worked_example() {
        // p-values 0.01, 0.04, 0.03, 0.20 (m = 4): sorted 0.01, 0.03, 0.04, 0.20 give
        // 0.04, 0.06, 0.0533, 0.20, then the running minimum from the top: 0.04, 0.0533,
        // 0.0533, 0.20.
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.20, f64::NAN]);
        let want = [0.04, 0.16 / 3.0, 0.16 / 3.0, 0.20];
        for (a, b) in q.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{q:?}");
        }
        assert!(q[4].is_nan());
    }

    #[test]
    fn known_values() {
        let s = summary(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(s.mean, 3.0);
        assert!((s.sd - 2.5f64.sqrt()).abs() < 1e-12);
        // t(0.975, 4) = 2.776445
        assert!((s.ci95 - 2.776445 * s.sd / 5f64.sqrt()).abs() < 1e-5);
        let t = paired(&[1.0, 2.0, 3.0], &[2.0, 3.0, 4.5]);
        assert!(t.p < 0.05 && t.t > 0.0);
        let w = welch(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(w.t, 0.0);
        assert!((w.p - 1.0).abs() < 1e-12);
        assert_eq!(morris(&[1.0, -1.0]).0, 1.0);
    }

    #[test]
    fn welch_of_two_constant_samples_is_not_nan() {
        let same = welch(&[400.0; 5], &[400.0; 5]);
        assert_eq!((same.t, same.p), (0.0, 1.0));
        let shifted = welch(&[400.0; 5], &[420.0; 5]);
        assert_eq!((shifted.t, shifted.p), (f64::INFINITY, 0.0));
        let down = welch(&[420.0; 5], &[400.0; 5]);
        assert_eq!((down.t, down.p), (f64::NEG_INFINITY, 0.0));
    }

    #[test]
    fn the_paired_effect_of_a_constant_clear_shift_is_not_zero() {
        let a = [1.0, 2.0, 3.0];
        let b = [21.0, 22.0, 23.0];
        assert_eq!(cohens_d_paired(&a, &b), f64::INFINITY);
        assert_eq!(cohens_d_paired(&b, &a), f64::NEG_INFINITY);
        assert_eq!(cohens_d_paired(&a, &a), 0.0);
    }
}
