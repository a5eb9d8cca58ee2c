//! Experiment files and their designs: which points of parameter space to run.

use crate::model::rng::{DesignPart, Streams};
use serde::{Deserialize, Serialize};

/// An experiment file (RON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Experiment {
    /// Name, used in the output folder.
    pub name: String,
    /// The base scenario file, relative to the experiment file; empty: the built-in
    /// baseline.
    pub base: String,
    /// The factors: scenario fields by dotted path.
    pub factors: Vec<Factor>,
    /// Which points to run.
    pub design: Design,
    /// Replications of every point. Default 10; 1 to 10,000.
    pub replications: u32,
    /// Root seed of the design's own sampling (Latin hypercube, Morris); run seeds come
    /// from each run's identity. Default 1.
    pub seed: u64,
    /// Simulated years of every run; 0 keeps the base scenario's. Default 0.
    pub years: u32,
}

impl Default for Experiment {
    fn default() -> Self {
        Experiment {
            name: "sweep".into(),
            base: String::new(),
            factors: Vec::new(),
            design: Design::FullFactorial,
            replications: 10,
            seed: 1,
            years: 0,
        }
    }
}

/// One factor: a numeric (or on/off) scenario field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Factor {
    /// Dotted path, e.g. `levers.procurement_quota.resident_share`.
    pub path: String,
    /// Values, for the full factorial and zip designs.
    pub values: Vec<f64>,
    /// Lower end of the range, for the Latin hypercube and Morris designs.
    pub min: f64,
    /// Upper end of the range.
    pub max: f64,
}

/// The design of an experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Design {
    /// Every combination of the factors' values.
    FullFactorial,
    /// The i-th values of all factors together (all lists of equal length).
    Zip,
    /// Points listed one by one, a value per factor.
    Points(Vec<Vec<f64>>),
    /// A Latin hypercube of `points` points over the factors' ranges.
    LatinHypercube {
        /// Number of points.
        points: u32,
    },
    /// Morris elementary effects: `trajectories` one-at-a-time paths on a grid of `levels`.
    Morris {
        /// Number of trajectories (r). Typical: 10 to 50.
        trajectories: u32,
        /// Grid levels (p), even. Typical: 4.
        levels: u32,
    },
}

/// A point of the design: one value per factor.
pub type Point = Vec<f64>;

/// The points of the design, in design order; for Morris, trajectory after trajectory,
/// each of `factors + 1` points.
pub fn points(e: &Experiment) -> Vec<Point> {
    let k = e.factors.len();
    match &e.design {
        Design::FullFactorial => {
            let mut out: Vec<Point> = vec![Vec::new()];
            for f in &e.factors {
                out = out
                    .into_iter()
                    .flat_map(|p| {
                        f.values.iter().map(move |v| {
                            let mut q = p.clone();
                            q.push(*v);
                            q
                        })
                    })
                    .collect();
            }
            if k == 0 { Vec::new() } else { out }
        }
        Design::Zip => {
            let n = e.factors.iter().map(|f| f.values.len()).min().unwrap_or(0);
            (0..n)
                .map(|i| e.factors.iter().map(|f| f.values[i]).collect())
                .collect()
        }
        Design::Points(p) => p.clone(),
        Design::LatinHypercube { points } => {
            let n = *points;
            let streams = Streams::new(e.seed);
            let mut cols: Vec<Vec<f64>> = Vec::with_capacity(k);
            for (j, f) in e.factors.iter().enumerate() {
                let mut rng = streams.open_design(DesignPart::LatinHypercube(j as u32));
                let mut strata: Vec<u32> = (0..n).collect();
                for i in (1..strata.len()).rev() {
                    let r = rng.below(i as u32 + 1) as usize;
                    strata.swap(i, r);
                }
                cols.push(
                    strata
                        .iter()
                        .map(|&s| f.min + (f.max - f.min) * (s as f64 + rng.unit()) / n as f64)
                        .collect(),
                );
            }
            (0..n as usize)
                .map(|i| cols.iter().map(|c| c[i]).collect())
                .collect()
        }
        Design::Morris {
            trajectories,
            levels,
        } => morris_points(e, *trajectories, *levels),
    }
}

/// Morris trajectories on a grid of `p` levels: a random base point, then each factor in
/// random order moved by delta = p / (2 (p - 1)) of its range, up or down to stay inside.
fn morris_points(e: &Experiment, r: u32, p: u32) -> Vec<Point> {
    let k = e.factors.len();
    let p = p.max(2);
    let delta_levels = p / 2;
    let streams = Streams::new(e.seed);
    let mut out = Vec::new();
    for t in 0..r {
        let mut rng = streams.open_design(DesignPart::MorrisTrajectory(t));
        let mut level: Vec<u32> = (0..k).map(|_| rng.below(p)).collect();
        let to_value = |j: usize, l: u32| {
            let f = &e.factors[j];
            f.min + (f.max - f.min) * l as f64 / (p - 1) as f64
        };
        out.push((0..k).map(|j| to_value(j, level[j])).collect());
        let mut order: Vec<usize> = (0..k).collect();
        for i in (1..k).rev() {
            let s = rng.below(i as u32 + 1) as usize;
            order.swap(i, s);
        }
        for &j in &order {
            level[j] = if level[j] + delta_levels < p {
                level[j] + delta_levels
            } else {
                level[j] - delta_levels
            };
            out.push((0..k).map(|jj| to_value(jj, level[jj])).collect());
        }
    }
    out
}

/// For Morris designs: the elementary effects of each factor on one output, given the
/// output of every point in design order. Effects are per unit of the factor's range.
/// A non-finite output (a point whose runs all failed) removes the (at most two) effects
/// that use that point, and no other.
pub fn elementary_effects(e: &Experiment, points: &[Point], y: &[f64]) -> Vec<Vec<f64>> {
    let k = e.factors.len();
    let mut effects = vec![Vec::new(); k];
    if !matches!(e.design, Design::Morris { .. }) {
        return effects;
    }
    for start in (0..points.len()).step_by(k + 1) {
        for step in 0..k {
            let (a, b) = (start + step, start + step + 1);
            if b >= points.len() {
                break;
            }
            // An effect needs both of its points: a point whose runs all failed (NaN)
            // removes only the effects that use it. A step that rounding onto a
            // whole-number field made zero measures nothing and is left out too.
            if !(y[a].is_finite() && y[b].is_finite()) {
                continue;
            }
            if let Some(j) = (0..k).find(|&j| points[a][j] != points[b][j]) {
                let range = e.factors[j].max - e.factors[j].min;
                let dx = (points[b][j] - points[a][j]) / if range == 0.0 { 1.0 } else { range };
                effects[j].push((y[b] - y[a]) / dx);
            }
        }
    }
    effects
}

/// Parses and checks experiment text with the positioned diagnostics of scenario files;
/// `file` is the name used in messages. The base scenario is not read here.
pub fn parse(text: &str, file: &str) -> Result<Experiment, crate::scenario::Diagnostics> {
    crate::scenario::parse_with(text, file, |e: &Experiment| {
        check(e)
            .into_iter()
            .map(|(path, message, hint)| crate::scenario::validate::Problem {
                path,
                message,
                hint: Some(hint),
            })
            .collect()
    })
}

/// Checks an experiment; returns (path, message, hint) problems.
pub fn check(e: &Experiment) -> Vec<(String, String, String)> {
    let mut p = Vec::new();
    if let Some((message, hint)) = crate::scenario::validate::name_problem(&e.name) {
        p.push(("name".into(), message, hint));
    }
    if e.factors.is_empty() {
        p.push(("factors".into(), "is empty".into(), "name at least one factor, e.g. `factors: [(path: \"levers.buy_local.local_share_increase\", values: [0.0, 0.1])]`".into()));
    }
    if e.replications == 0 || e.replications > 10_000 {
        p.push((
            "replications".into(),
            format!("is {}, outside its range", e.replications),
            "allowed: 1 to 10000".into(),
        ));
    }
    if e.years > crate::scenario::validate::YEARS_MAX {
        p.push((
            "years".into(),
            format!(
                "is {}, above {}",
                e.years,
                crate::scenario::validate::YEARS_MAX
            ),
            "0 keeps the base scenario's years".into(),
        ));
    }
    for (i, f) in e.factors.iter().enumerate() {
        let ranged = matches!(
            e.design,
            Design::LatinHypercube { .. } | Design::Morris { .. }
        );
        if ranged && !(f.min.is_finite() && f.max.is_finite() && f.max > f.min) {
            p.push((
                format!("factors[{i}].max"),
                format!("is {}, not above min {}", f.max, f.min),
                "Latin hypercube and Morris designs need a range: give `min` and `max`".into(),
            ));
        }
        if matches!(e.design, Design::FullFactorial | Design::Zip) && f.values.is_empty() {
            p.push((
                format!("factors[{i}].values"),
                "is empty".into(),
                "full factorial and zip designs need a list of values".into(),
            ));
        }
    }
    match &e.design {
        Design::Zip => {
            let lens: Vec<usize> = e.factors.iter().map(|f| f.values.len()).collect();
            if lens.windows(2).any(|w| w[0] != w[1]) {
                p.push((
                    "design".into(),
                    format!("is Zip, but the factors have {lens:?} values"),
                    "zip needs equally long value lists".into(),
                ));
            }
        }
        Design::Points(points) => {
            for (i, pt) in points.iter().enumerate() {
                if pt.len() != e.factors.len() {
                    p.push((
                        "design".into(),
                        format!(
                            "point {i} has {} values for {} factors",
                            pt.len(),
                            e.factors.len()
                        ),
                        "give one value per factor, in the order of `factors`".into(),
                    ));
                }
            }
        }
        Design::LatinHypercube { points } if *points == 0 || *points > 100_000 => {
            p.push((
                "design".into(),
                format!("asks for {points} points"),
                "allowed: 1 to 100000".into(),
            ));
        }
        Design::Morris {
            trajectories,
            levels,
        } if *trajectories == 0 || *levels < 2 || levels % 2 != 0 => {
            p.push((
                "design".into(),
                format!("is Morris with {trajectories} trajectories and {levels} levels"),
                "trajectories at least 1; levels even, at least 2 (4 is usual)".into(),
            ));
        }
        _ => {}
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(path: &str, values: &[f64]) -> Factor {
        Factor {
            path: path.into(),
            values: values.to_vec(),
            min: 0.0,
            max: 1.0,
        }
    }

    #[test]
    fn designs_expand_as_documented() {
        let mut e = Experiment {
            factors: vec![factor("a", &[1.0, 2.0]), factor("b", &[10.0, 20.0, 30.0])],
            ..Default::default()
        };
        assert_eq!(points(&e).len(), 6);
        assert_eq!(points(&e)[1], vec![1.0, 20.0]);
        e.factors[0].values.push(3.0);
        e.design = Design::Zip;
        assert_eq!(
            points(&e),
            vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]]
        );
        e.design = Design::LatinHypercube { points: 5 };
        let lhs = points(&e);
        assert_eq!(lhs.len(), 5);
        // One point in each fifth of each range.
        for j in 0..2 {
            let mut strata: Vec<u32> = lhs.iter().map(|p| (p[j] * 5.0).floor() as u32).collect();
            strata.sort();
            assert_eq!(strata, vec![0, 1, 2, 3, 4]);
        }
        e.design = Design::Morris {
            trajectories: 3,
            levels: 4,
        };
        let m = points(&e);
        assert_eq!(m.len(), 3 * 3);
        // Linear output y = 2a + 5b: every elementary effect is exactly the slope.
        let y: Vec<f64> = m.iter().map(|p| 2.0 * p[0] + 5.0 * p[1]).collect();
        let ee = elementary_effects(&e, &m, &y);
        assert!(ee[0].iter().all(|x| (x - 2.0).abs() < 1e-9), "{ee:?}");
        assert!(ee[1].iter().all(|x| (x - 5.0).abs() < 1e-9));
        assert_eq!(points(&e), m, "designs are deterministic");
    }

    #[test]
    fn one_failed_morris_point_removes_only_the_effects_that_need_it() {
        let e = Experiment {
            factors: vec![factor("a", &[]), factor("b", &[]), factor("c", &[])],
            design: Design::Morris {
                trajectories: 4,
                levels: 4,
            },
            ..Default::default()
        };
        let m = points(&e);
        let mut y: Vec<f64> = m.iter().map(|p| p[0] + 2.0 * p[1] + 3.0 * p[2]).collect();
        // The last point of the first trajectory failed: only the effect of the factor
        // moved in that trajectory's last step is lost.
        y[3] = f64::NAN;
        let ee = elementary_effects(&e, &m, &y);
        let lost = (0..3).find(|&j| m[2][j] != m[3][j]).unwrap();
        for (j, effects) in ee.iter().enumerate() {
            let want = if j == lost { 3 } else { 4 };
            assert_eq!(effects.len(), want, "factor {j}: {ee:?}");
            assert!(effects.iter().all(|x| x.is_finite()));
        }
    }
}
