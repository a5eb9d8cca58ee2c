//! Unemployment insurance (WW, issue 10, item 4): the national insurance an employee who
//! loses a job involuntarily draws before any bijstand, paid by the national agency (UWV,
//! part of the national government's account). docs/ODD.md 7.2, step 3b.
//!
//! Each month, before the benefits are paid, every resident's work record moves on: a
//! month with a wage adds to their tenure (the *wekeneis*: 26 of the last 36 weeks, read as
//! six months in a row) and to their working life (the *arbeidsverleden*). A resident who
//! had a wage last month and is now unemployed or in training, and did not quit, starts an
//! entitlement if their tenure was long enough: [`duration_months`] of benefit at
//! 75% of the last gross wage for two months, 70% after. The benefit is taxed, counts as
//! income in the bijstand test, and ends when a job is taken again (what is left revives
//! if that job is lost before a new entitlement is earned).

use super::params::UnemploymentInsurance;
use super::world::{Residents, Status};

/// Share of the adult years before the build that a resident is taken to have worked, for
/// the working life of the residents the build creates. An assumption: over the burn-in
/// (docs/ODD.md, section 5) the residents' own records replace it.
pub const INITIAL_WORK_SHARE: f64 = 0.75;

/// The residents' work records and entitlements, one entry per resident.
#[derive(Clone, Debug, Default)]
pub struct Insurance {
    /// Consecutive months with a wage, up to the last one.
    pub tenure: Vec<u16>,
    /// Months with a wage over the working life.
    pub history: Vec<u16>,
    /// Gross monthly wage of the last month with one, cents.
    pub last_wage_cents: Vec<i64>,
    /// Months of benefit left of the current entitlement.
    pub months_left: Vec<u8>,
    /// Months of the current entitlement received so far.
    pub months_received: Vec<u8>,
    /// The resident left their last job by quitting (no entitlement).
    pub quit: Vec<bool>,
    /// Benefit paid this month, gross, cents (0 without).
    pub gross_cents: Vec<i64>,
}

impl Insurance {
    /// The records of the residents as the build leaves them: a working life of
    /// [`INITIAL_WORK_SHARE`] of the years since 18, and a year of tenure for those with a
    /// wage; no entitlements.
    pub fn new(residents: &Residents) -> Insurance {
        let n = residents.nb.len();
        let mut ins = Insurance::empty(n);
        ins.last_wage_cents.copy_from_slice(&residents.wage_cents);
        for r in 0..n {
            ins.history[r] = initial_history(residents.age[r]);
            if residents.wage_cents[r] > 0 {
                ins.tenure[r] = 12;
            }
        }
        ins
    }

    /// Empty records of `n` residents: no work, no entitlement.
    fn empty(n: usize) -> Insurance {
        Insurance {
            tenure: vec![0; n],
            history: vec![0; n],
            last_wage_cents: vec![0; n],
            months_left: vec![0; n],
            months_received: vec![0; n],
            quit: vec![false; n],
            gross_cents: vec![0; n],
        }
    }

    /// A newcomer of age `age` takes resident `r`'s place: a fresh record.
    pub fn reset(&mut self, r: usize, age: u8) {
        self.tenure[r] = 0;
        self.history[r] = initial_history(age);
        self.last_wage_cents[r] = 0;
        self.months_left[r] = 0;
        self.months_received[r] = 0;
        self.quit[r] = false;
    }

    /// Moves resident `r`'s record to this month, given their status and gross wage now;
    /// starts an entitlement on an involuntary job loss. Returns the gross benefit due
    /// this month (0 without one).
    pub fn month(&mut self, p: &UnemploymentInsurance, r: usize, status: Status, wage: i64) -> i64 {
        if wage > 0 {
            self.tenure[r] = self.tenure[r].saturating_add(1);
            self.history[r] = self.history[r].saturating_add(1);
            self.last_wage_cents[r] = wage;
            self.quit[r] = false;
            return 0;
        }
        let seeking = matches!(status, Status::Unemployed | Status::Training);
        if self.tenure[r] > 0 {
            if seeking && !self.quit[r] && self.tenure[r] >= p.tenure_months_min {
                let months = duration_months(p, self.history[r]);
                if months >= self.months_left[r] {
                    self.months_left[r] = months;
                    self.months_received[r] = 0;
                }
            }
            self.tenure[r] = 0;
            self.quit[r] = false;
        }
        if !seeking || self.months_left[r] == 0 {
            return 0;
        }
        let share = if self.months_received[r] < p.first_months {
            p.first_months_share
        } else {
            p.later_share
        };
        self.months_left[r] -= 1;
        self.months_received[r] = self.months_received[r].saturating_add(1);
        (self.last_wage_cents[r] as f64 * share).round() as i64
    }
}

/// Months of working life counted for a resident of age `age` at the build.
fn initial_history(age: u8) -> u16 {
    (12.0 * age.saturating_sub(18) as f64 * INITIAL_WORK_SHARE).min(u16::MAX as f64) as u16
}

/// Months of benefit of an entitlement after a working life of `history` months: the
/// base months; with a working life of at least `history_years_min` years (the
/// *jareneis*), a month a year for the first ten years and half a month a year beyond,
/// at least the base; at most `max_months` (UWV, docs/ODD.md 7.2).
pub fn duration_months(p: &UnemploymentInsurance, history: u16) -> u8 {
    let years = (history / 12) as u32;
    let months = if years >= p.history_years_min {
        let full = years.min(10) as f64;
        let half = 0.5 * years.saturating_sub(10) as f64;
        (full + half).floor() as u32
    } else {
        0
    };
    months.max(p.base_months).min(p.max_months) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(n: usize) -> Insurance {
        Insurance::empty(n)
    }

    fn p() -> UnemploymentInsurance {
        UnemploymentInsurance {
            first_months_share: 0.75,
            later_share: 0.70,
            first_months: 2,
            base_months: 3,
            max_months: 24,
            tenure_months_min: 6,
            history_years_min: 4,
        }
    }

    #[test]
    fn the_duration_follows_the_uwv_examples() {
        // Only the wekeneis: 3 months. Seven years: 7 months (UWV's example).
        assert_eq!(duration_months(&p(), 3 * 12), 3);
        assert_eq!(duration_months(&p(), 7 * 12), 7);
        // Below four years the jareneis fails: the base.
        assert_eq!(duration_months(&p(), 47), 3);
        // 26 years, all after 2016 at half a month beyond ten: 10 + 8 = 18.
        assert_eq!(duration_months(&p(), 26 * 12), 18);
        // Never more than 24.
        assert_eq!(duration_months(&p(), 60 * 12), 24);
    }

    #[test]
    fn a_lay_off_after_six_months_pays_75_then_70_percent_and_ends() {
        let mut ins = records(1);
        for _ in 0..6 {
            assert_eq!(ins.month(&p(), 0, Status::Employed, 200_000), 0);
        }
        let paid: Vec<i64> = (0..5)
            .map(|_| ins.month(&p(), 0, Status::Unemployed, 0))
            .collect();
        assert_eq!(paid, vec![150_000, 150_000, 140_000, 0, 0]);
    }

    #[test]
    fn a_quit_or_a_short_job_earns_no_benefit() {
        let mut ins = records(2);
        for _ in 0..12 {
            ins.month(&p(), 0, Status::Employed, 200_000);
        }
        for _ in 0..5 {
            ins.month(&p(), 1, Status::Employed, 200_000);
        }
        ins.quit[0] = true;
        assert_eq!(ins.month(&p(), 0, Status::Unemployed, 0), 0);
        assert_eq!(ins.month(&p(), 1, Status::Unemployed, 0), 0);
        // Retiring or falling ill from a job earns none either.
        for _ in 0..12 {
            ins.month(&p(), 0, Status::Employed, 200_000);
        }
        assert_eq!(ins.month(&p(), 0, Status::Unable, 0), 0);
        assert_eq!(ins.months_left[0], 0);
    }

    #[test]
    fn an_entitlement_pauses_in_a_job_and_revives_when_it_is_lost() {
        let mut ins = records(1);
        for _ in 0..6 {
            ins.month(&p(), 0, Status::Employed, 200_000);
        }
        assert!(ins.month(&p(), 0, Status::Unemployed, 0) > 0);
        // Two months in a new job (too short for a new entitlement), then lost.
        ins.month(&p(), 0, Status::EmployedOutside, 100_000);
        ins.month(&p(), 0, Status::EmployedOutside, 100_000);
        let after: Vec<i64> = (0..3)
            .map(|_| ins.month(&p(), 0, Status::Unemployed, 0))
            .collect();
        // The two months left, at 75% (second month) then 70% of the last wage.
        assert_eq!(after, vec![75_000, 70_000, 0]);
    }
}
