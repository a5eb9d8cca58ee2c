//! The regional labour market (docs/ODD.md 7.9, "The regional labour market"): the city's
//! job seekers and an aggregate pool of the rest of the region's unemployed compete for one
//! set of vacancies, matched by a Cobb-Douglas matching function
//! M = min(A U^alpha V^(1 - alpha), U, V); employers rank applicants by a smooth weight in
//! skill; the pool's unemployed are a count that moves with its matches and separations.
//!
//! The arithmetic is here, as plain functions a unit test can check; the labour market phase
//! (`phases/labour.rs`) opens a [`Market`] month and draws each resident's chance.

use super::params::Region;
use super::rng::Stream;

/// The region's skill distribution and employers' ranking.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Skill {
    /// Mean skill of the labour force.
    pub mean: f64,
    /// Its standard deviation (the distribution is normal, clipped to [0, 1]).
    pub sd: f64,
    /// Skill at which the ranking weight is one half.
    pub required: f64,
    /// Scale of the ranking weight's logistic curve.
    pub scale: f64,
}

/// Matches of a month: A U^alpha V^(1 - alpha), at most U and at most V; 0 without
/// unemployed or vacancies.
pub fn matches(efficiency: f64, alpha: f64, unemployed: f64, vacancies: f64) -> f64 {
    if unemployed <= 0.0 || vacancies <= 0.0 {
        return 0.0;
    }
    (efficiency * unemployed.powf(alpha) * vacancies.powf(1.0 - alpha))
        .min(unemployed)
        .min(vacancies)
}

/// The job-finding rate M / U at tightness V / U = `tightness`: A tightness^(1 - alpha), at
/// most 1 and at most the tightness.
pub fn finding_rate(efficiency: f64, alpha: f64, tightness: f64) -> f64 {
    matches(efficiency, alpha, 1.0, tightness)
}

/// An applicant's weight in employers' ranking: logistic in skill, one half at `required`.
pub fn weight(skill: f64, required: f64, scale: f64) -> f64 {
    1.0 / (1.0 + (-(skill - required) / scale).exp())
}

/// Quadrature points of the clipped normal skill distribution: (ranking weight, mass).
fn weights_and_masses(skill: &Skill) -> Vec<(f64, f64)> {
    const POINTS: usize = 2000;
    if skill.sd <= 0.0 {
        let x = skill.mean.clamp(0.0, 1.0);
        return vec![(weight(x, skill.required, skill.scale), 1.0)];
    }
    // Midpoints over the mean +- 6 sd; skills beyond [0, 1] are clipped (the residents' rule).
    let (lo, dx) = (skill.mean - 6.0 * skill.sd, 12.0 * skill.sd / POINTS as f64);
    let mut points: Vec<(f64, f64)> = (0..POINTS)
        .map(|j| {
            let x = lo + (j as f64 + 0.5) * dx;
            let z = (x - skill.mean) / skill.sd;
            let w = weight(x.clamp(0.0, 1.0), skill.required, skill.scale);
            (w, (-0.5 * z * z).exp())
        })
        .collect();
    let total: f64 = points.iter().map(|p| p.1).sum();
    for p in &mut points {
        p.1 /= total;
    }
    points
}

/// The mean ranking weight of the steady-state unemployed of a labour force of skill
/// `skill`, with monthly separation rate `separation` and mean job-finding rate `finding`
/// among the unemployed: the fixed point of w = E[u(x) w(x)] / E[u(x)] with
/// u(x) = s / (s + f w(x) / w), the unemployment rate at skill x when the chance of a job is
/// proportional to the weight.
pub fn pool_weight(skill: &Skill, separation: f64, finding: f64) -> f64 {
    let points = weights_and_masses(skill);
    let mean: f64 = points.iter().map(|(w, g)| w * g).sum();
    if finding <= 0.0 {
        // Nobody finds a job: the unemployed are the labour force.
        return mean;
    }
    if separation <= 0.0 {
        // u(x) proportional to 1 / w(x): the harmonic mean.
        return 1.0 / points.iter().map(|(w, g)| g / w).sum::<f64>();
    }
    let mut current = mean;
    // A contraction in practice (7 to 60 steps at the valid ranges); the cap keeps the
    // cost fixed.
    for _ in 0..1000 {
        let (mut uw, mut u) = (0.0, 0.0);
        for &(w, g) in &points {
            let rate = separation / (separation + finding * w / current);
            uw += g * rate * w;
            u += g * rate;
        }
        let next = uw / u;
        let done = (next - current).abs() <= 1e-13 * current;
        current = next;
        if done {
            break;
        }
    }
    current
}

/// This month's regional market.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Month {
    /// The region's unemployed U: the pool's and the city's job seekers.
    pub unemployed: f64,
    /// The region's vacancies V = tightness x U.
    pub vacancies: f64,
    /// Matches M.
    pub matches: f64,
    /// Job-finding rate M / U.
    pub finding_rate: f64,
    /// Fill rate of a vacancy, M / V.
    pub fill_rate: f64,
    /// Mean ranking weight over all the region's job seekers.
    pub weight_mean: f64,
    /// Share of a local vacancy's applicants who are city job seekers: their ranking
    /// weights times the proximity weight, over that plus the pool's weights.
    pub city_applicant_share: f64,
    /// The pool's job seekers hired this month.
    pub pool_hired: u64,
    /// The pool's employed who lost their job this month.
    pub pool_separated: u64,
}

/// The region's state across months, and the month open now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Market {
    /// Unemployed of the region outside the city (the pool), persons.
    pub pool_unemployed: u64,
    /// The month last opened (all zero before the first, and in a tick without a labour
    /// market or without an outside world).
    pub month: Month,
}

impl Market {
    /// The region at the start of the run.
    pub fn new(p: &Region) -> Market {
        Market {
            pool_unemployed: p.unemployed_start.min(p.labour_force),
            month: Month::default(),
        }
    }

    /// Opens the month of tick `tick`: the market of the pool and the city's `seekers` job
    /// seekers, whose ranking weights sum to `seekers_weight`; then the pool's stock-flow
    /// (matches and separations drawn from `rng`).
    pub fn open_month(
        &mut self,
        p: &Region,
        tick: u32,
        seekers: u64,
        seekers_weight: f64,
        rng: &mut Stream,
    ) -> Month {
        let pool = self.pool_unemployed;
        let pool_weight = p.pool_weight(tick);
        let unemployed = (pool + seekers) as f64;
        let vacancies = p.tightness(tick) * unemployed;
        let m = matches(p.efficiency, p.alpha, unemployed, vacancies);
        let ratio = |x: f64, y: f64| if y > 0.0 { x / y } else { 0.0 };
        let mut month = Month {
            unemployed,
            vacancies,
            matches: m,
            finding_rate: ratio(m, unemployed),
            fill_rate: ratio(m, vacancies),
            weight_mean: ratio(pool as f64 * pool_weight + seekers_weight, unemployed),
            city_applicant_share: ratio(
                p.proximity_weight * seekers_weight,
                p.proximity_weight * seekers_weight + pool as f64 * pool_weight,
            ),
            pool_hired: 0,
            pool_separated: 0,
        };
        month.pool_hired = rng.binomial(pool, month.chance(pool_weight));
        month.pool_separated = rng.binomial(p.labour_force - pool, p.separation);
        self.pool_unemployed = pool - month.pool_hired + month.pool_separated;
        self.month = month;
        month
    }

    /// Forgets the month (a tick in which no market opens reports no vacancies).
    pub fn close_month(&mut self) {
        self.month = Month::default();
    }
}

impl Month {
    /// The chance that a job seeker of ranking weight `w` is hired this month: the
    /// job-finding rate times the weight relative to the mean, at most 1.
    pub fn chance(&self, w: f64) -> f64 {
        if self.weight_mean > 0.0 {
            (self.finding_rate * w / self.weight_mean).min(1.0)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::{Purpose, Streams};

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    const DEFAULT_SKILL: Skill = Skill {
        mean: 0.5,
        sd: 0.2,
        required: 0.2,
        scale: 0.1,
    };

    fn region(theta: f64) -> Region {
        let (a, alpha, s) = (0.156, 0.5, 0.0062);
        Region {
            labour_force: 290_000,
            unemployed_start: 10_440,
            tightness_by_year: vec![theta],
            efficiency: a,
            alpha,
            separation: s,
            skill_required: 0.2,
            ranking_scale: 0.1,
            own_municipality_share: 0.38,
            proximity_weight: 20.0,
            job_loss_share: 0.7,
            pool_weight_by_year: vec![pool_weight(
                &DEFAULT_SKILL,
                s,
                finding_rate(a, alpha, theta),
            )],
        }
    }

    #[test]
    fn matches_have_constant_returns_the_elasticity_and_the_caps() {
        let m = matches(0.156, 0.5, 10_000.0, 11_500.0);
        assert!(close(m, 0.156 * (10_000.0f64 * 11_500.0).sqrt(), 1e-9));
        // Constant returns: twice the searchers on both sides, twice the matches.
        assert!(close(
            matches(0.156, 0.5, 20_000.0, 23_000.0),
            2.0 * m,
            1e-6
        ));
        // The elasticity with respect to U is alpha.
        for alpha in [0.5, 0.7] {
            let (a, b) = (
                matches(0.2, alpha, 1000.0, 900.0),
                matches(0.2, alpha, 1010.0, 900.0),
            );
            let elasticity = (b / a).ln() / (1010.0f64 / 1000.0).ln();
            assert!(close(elasticity, alpha, 1e-9), "{elasticity}");
        }
        // No more matches than either side.
        assert_eq!(matches(5.0, 0.5, 100.0, 4.0), 4.0);
        assert_eq!(matches(5.0, 0.5, 4.0, 100.0), 4.0);
        assert_eq!(matches(0.2, 0.5, 0.0, 10.0), 0.0);
        assert_eq!(matches(0.2, 0.5, 10.0, 0.0), 0.0);
    }

    #[test]
    fn the_default_efficiency_gives_the_dutch_job_finding_rate() {
        // ODD 7.9: A = 0.167 / 1.15^0.5 = 0.156 at the default tightness.
        let f = finding_rate(0.156, 0.5, 1.15);
        assert!((0.166..0.168).contains(&f), "{f}");
        // Halving the tightness multiplies it by 2^-(1 - alpha).
        assert!(close(
            finding_rate(0.156, 0.5, 0.575) / f,
            0.5f64.sqrt(),
            1e-12
        ));
        assert!(close(
            finding_rate(0.156, 0.7, 0.575) / finding_rate(0.156, 0.7, 1.15),
            0.5f64.powf(0.3),
            1e-12
        ));
    }

    #[test]
    fn the_ranking_weight_is_smooth_one_half_at_the_requirement() {
        assert!(close(weight(0.2, 0.2, 0.1), 0.5, 1e-15));
        assert!(weight(0.19, 0.2, 0.1) > 0.0 && weight(0.19, 0.2, 0.1) < 0.5);
        assert!(weight(0.0, 0.2, 0.1) > 0.1, "no hard cut-off");
        assert!(weight(1.0, 0.2, 0.1) > 0.999);
        let mut last = 0.0;
        for i in 0..=100 {
            let w = weight(i as f64 / 100.0, 0.2, 0.1);
            assert!(w > last);
            last = w;
        }
        // The extremes of the valid ranges stay positive and finite.
        assert!(weight(0.0, 1.0, 0.01) > 0.0);
    }

    #[test]
    fn the_pool_weight_is_the_fixed_point_of_its_steady_state() {
        let (s, f) = (0.0062, 0.167);
        let w = pool_weight(&DEFAULT_SKILL, s, f);
        // Recompute the mean weight of the steady-state unemployed at w: it is w again, and
        // their mean job-finding rate is f.
        let points = weights_and_masses(&DEFAULT_SKILL);
        let u = |x: f64| s / (s + f * x / w);
        let (mut uw, mut um, mut uh) = (0.0, 0.0, 0.0);
        for &(x, g) in &points {
            uw += g * u(x) * x;
            um += g * u(x);
            uh += g * u(x) * f * x / w;
        }
        assert!(close(uw / um, w, 1e-12));
        assert!(close(uh / um, f, 1e-12));
        // The aggregate steady state is then s / (s + f): 3.58% at the defaults, the CBS
        // 2023 rate of 3.6% (ODD 7.9).
        assert!(close(um, s / (s + f), 1e-9), "{um}");
        // The unemployed are less skilled than the labour force.
        let labour_force: f64 = points.iter().map(|(x, g)| x * g).sum();
        assert!(w < labour_force);
        // Degenerate cases: one skill; nobody finds a job; nobody loses one.
        let one = Skill {
            sd: 0.0,
            ..DEFAULT_SKILL
        };
        assert!(close(pool_weight(&one, s, f), weight(0.5, 0.2, 0.1), 1e-15));
        assert!(close(
            pool_weight(&DEFAULT_SKILL, s, 0.0),
            labour_force,
            1e-15
        ));
        let harmonic = pool_weight(&DEFAULT_SKILL, 0.0, f);
        assert!(harmonic > 0.0 && harmonic < w);
    }

    #[test]
    fn the_chances_of_all_the_regions_job_seekers_add_up_to_the_matches() {
        let p = region(1.15);
        let mut market = Market::new(&p);
        // A city of 300 job seekers, a third of them of low skill.
        let skills: Vec<f64> = (0..300).map(|i| i as f64 / 299.0).collect();
        let ws: f64 = skills.iter().map(|&x| weight(x, 0.2, 0.1)).sum();
        let mut rng = Streams::new(7).open(Purpose::Region, 0, 0);
        let m = market.open_month(&p, 0, 300, ws, &mut rng);
        assert_eq!(m.unemployed, 10_740.0);
        assert!(close(m.vacancies, 1.15 * 10_740.0, 1e-9));
        assert!(close(m.fill_rate, m.matches / m.vacancies, 1e-15));
        let expected: f64 = 10_440.0 * m.chance(p.pool_weight_by_year[0])
            + skills
                .iter()
                .map(|&x| m.chance(weight(x, 0.2, 0.1)))
                .sum::<f64>();
        assert!(close(expected, m.matches, 1e-6), "{expected} {}", m.matches);
        // A low-skilled seeker's chance is below the rate, a skilled one's above.
        assert!(m.chance(weight(0.1, 0.2, 0.1)) < m.finding_rate / 2.0);
        assert!(m.chance(weight(0.8, 0.2, 0.1)) > m.finding_rate);
        assert_eq!(
            market.pool_unemployed,
            10_440 - m.pool_hired + m.pool_separated
        );
    }

    /// The pool's stock-flow settles at u = s / (s + f), and halving the tightness moves it
    /// to s / (s + f 2^-(1 - alpha)): 3.6% to 5.0% at the defaults.
    #[test]
    fn the_pool_settles_at_the_steady_state_of_the_matching_function() {
        for (theta, expected) in [(1.15, 0.0062 / (0.0062 + 0.1675)), (0.575, 0.0499)] {
            let p = region(theta);
            let mut market = Market::new(&p);
            let streams = Streams::new(3);
            let mut rates = Vec::new();
            for tick in 0..240 {
                let mut rng = streams.open(Purpose::Region, 0, tick);
                market.open_month(&p, tick, 0, 0.0, &mut rng);
                if tick >= 120 {
                    rates.push(market.pool_unemployed as f64 / p.labour_force as f64);
                }
            }
            let mean = rates.iter().sum::<f64>() / rates.len() as f64;
            assert!(
                close(mean, expected, 0.0008),
                "{theta}: {mean} vs {expected}"
            );
        }
    }
}
