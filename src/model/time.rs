//! Household time (docs/ODD.md 7.17, "Time, job search and weak ties"): every adult has a
//! monthly time budget, waking hours net of personal care, shared between paid work, job
//! search, training, volunteering, required participation (lever 1's activity and lever 7's
//! coin-paid work) and care or informal help (the rest).
//!
//! The arithmetic is here, as pure functions a unit test can check; the phases record the
//! hours each resident gives this month in [`TimeUse`] (a struct-of-arrays of the world),
//! and the labour market phase turns a job seeker's hours left into search hours and a
//! search effort that scales their chance of a job (`phases/labour.rs`).

/// The time parameters (`behaviour`), resolved once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Time {
    /// An adult's hours a month net of personal care (sleep, meals, hygiene).
    pub budget_hours: f64,
    /// Search hours of a job seeker with nothing else planned: the standard effort.
    pub search_hours: f64,
    /// Relative gain in the chance of a job at full weak ties (a year of volunteering).
    pub tie_gain: f64,
    /// Skill gained in a month of volunteering or participation.
    pub skill_gain_per_month: f32,
}

/// What the residents do with their time this month (hours by use) and the weak ties they
/// built; one entry per resident, in resident order.
#[derive(Clone, Debug, Default)]
pub struct TimeUse {
    /// Hours volunteered at an association this month (not for a lever).
    pub volunteer_hours: Vec<f32>,
    /// Hours of required participation this month: lever 1's activity and lever 7's
    /// coin-paid work.
    pub participation_hours: Vec<f32>,
    /// Hours of job search this month (job seekers only; 0 for everyone else).
    pub search_hours: Vec<f32>,
    /// Search effort this month relative to the standard, weak ties included: the factor of
    /// the chance of a job (job seekers only; 1 for everyone else).
    pub effort: Vec<f32>,
    /// Weak ties, 0 to 1: the share of recent months (memory of a year) in which the
    /// resident volunteered or took part.
    pub ties: Vec<f32>,
}

impl TimeUse {
    /// The time use of `residents` residents: nothing planned, no ties.
    pub fn new(residents: usize) -> TimeUse {
        TimeUse {
            volunteer_hours: vec![0.0; residents],
            participation_hours: vec![0.0; residents],
            search_hours: vec![0.0; residents],
            effort: vec![1.0; residents],
            ties: vec![0.0; residents],
        }
    }

    /// A new month: no hours given yet, standard effort.
    pub fn start_month(&mut self) {
        self.volunteer_hours.fill(0.0);
        self.participation_hours.fill(0.0);
        self.search_hours.fill(0.0);
        self.effort.fill(1.0);
    }

    /// Resident `r` is replaced by a newcomer: no ties.
    pub fn reset(&mut self, r: usize) {
        self.ties[r] = 0.0;
    }

    /// Hours resident `r` has committed this month besides paid work and search.
    pub fn committed_hours(&self, r: usize) -> f64 {
        (self.volunteer_hours[r] + self.participation_hours[r]) as f64
    }
}

/// One adult's month: the budget split by use, in hours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Allocation {
    /// Paid work (a job's hours).
    pub paid: f64,
    /// Job search.
    pub search: f64,
    /// Training.
    pub training: f64,
    /// Volunteering.
    pub volunteering: f64,
    /// Required participation (levers 1 and 7).
    pub participation: f64,
    /// Care and informal help: the rest, never below 0.
    pub care: f64,
}

/// The split of budget `t`: the planned hours are taken in the order paid work, training,
/// participation, volunteering (each at most what is left), then search from what is left
/// ([`search_hours`], which looks for work only without a job), then care takes the rest.
pub fn allocate(
    t: &Time,
    paid: f64,
    training: f64,
    participation: f64,
    volunteering: f64,
) -> Allocation {
    let mut left = t.budget_hours.max(0.0);
    let mut take = |h: f64| {
        let h = h.max(0.0).min(left);
        left -= h;
        h
    };
    let paid = take(paid);
    let training = take(training);
    let participation = take(participation);
    let volunteering = take(volunteering);
    let search = if paid > 0.0 {
        0.0
    } else {
        take(search_hours(t, training + participation + volunteering))
    };
    Allocation {
        paid,
        search,
        training,
        volunteering,
        participation,
        care: left,
    }
}

/// Search hours of a job seeker who has committed `committed` hours this month (training,
/// volunteering, participation): the standard search hours times the share of the budget
/// left, 0 once the budget is used up. A job seeker gives search the same share of the hours
/// that are left whatever is planned (time shares that are constant, as with Cobb-Douglas
/// preferences over time uses), so every committed hour takes a proportional share of
/// search: the lock-in of docs/ODD.md 7.17.
pub fn search_hours(t: &Time, committed: f64) -> f64 {
    if t.budget_hours <= 0.0 {
        return 0.0;
    }
    let left = (t.budget_hours - committed.max(0.0)).max(0.0);
    t.search_hours * left / t.budget_hours
}

/// Search effort relative to the standard: search hours over the standard search hours
/// (the chance of a job is proportional to it), times 1 + `tie_gain` x `ties` (referrals
/// through the weak ties volunteering built). 1 for a job seeker with nothing planned and
/// no ties.
pub fn effort(t: &Time, committed: f64, ties: f64) -> f64 {
    let relative = if t.search_hours > 0.0 {
        search_hours(t, committed) / t.search_hours
    } else {
        1.0
    };
    relative * (1.0 + t.tie_gain * ties.clamp(0.0, 1.0))
}

/// Weak ties after a month: an exponential memory of a year, so that twelve months of
/// volunteering in a row give about 0.64 and a steady volunteer tends to 1.
pub fn ties_after_month(ties: f32, gave_hours: bool) -> f32 {
    const KEEP: f32 = 11.0 / 12.0;
    let add = if gave_hours { 1.0 / 12.0 } else { 0.0 };
    (ties * KEEP + add).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Time = Time {
        budget_hours: 393.0,
        search_hours: 7.0,
        tie_gain: 0.1,
        skill_gain_per_month: 0.0005,
    };

    #[test]
    fn a_seeker_with_nothing_planned_searches_the_standard_hours() {
        assert_eq!(search_hours(&T, 0.0), 7.0);
        assert_eq!(effort(&T, 0.0, 0.0), 1.0);
    }

    #[test]
    fn every_committed_hour_takes_its_share_of_search() {
        // 87 hours (a tegenprestatie of 20 hours a week) of a 393-hour budget.
        let e = effort(&T, 87.0, 0.0);
        assert!((e - (1.0 - 87.0 / 393.0)).abs() < 1e-12);
        assert!((search_hours(&T, 87.0) - 7.0 * 306.0 / 393.0).abs() < 1e-12);
        // Monotone, and nothing left at the budget.
        assert!(effort(&T, 12.0, 0.0) > effort(&T, 16.0, 0.0));
        assert_eq!(search_hours(&T, 393.0), 0.0);
        assert_eq!(search_hours(&T, 500.0), 0.0);
    }

    #[test]
    fn weak_ties_raise_the_effort_by_at_most_the_gain() {
        assert!((effort(&T, 0.0, 1.0) - 1.1).abs() < 1e-12);
        assert!(
            (effort(&T, 0.0, 2.0) - 1.1).abs() < 1e-12,
            "ties are capped at 1"
        );
        let mut ties = 0.0;
        for _ in 0..12 {
            ties = ties_after_month(ties, true);
        }
        assert!((ties - (1.0 - (11.0f32 / 12.0).powi(12))).abs() < 1e-6);
        assert!(ties > 0.6 && ties < 0.7);
        let later = ties_after_month(ties, false);
        assert!(later < ties && later > 0.0);
    }

    #[test]
    fn the_budget_is_split_and_care_takes_the_rest() {
        let a = allocate(&T, 0.0, 40.0, 16.0, 12.0);
        let total = a.paid + a.search + a.training + a.volunteering + a.participation + a.care;
        assert!((total - 393.0).abs() < 1e-9);
        assert!((a.search - search_hours(&T, 68.0)).abs() < 1e-12);
        let worker = allocate(&T, 156.0, 0.0, 0.0, 12.0);
        assert_eq!(worker.search, 0.0, "a worker does not look for work");
        assert!((worker.care - (393.0 - 156.0 - 12.0)).abs() < 1e-9);
        // Plans beyond the budget are cut, care never negative.
        let over = allocate(&T, 0.0, 200.0, 200.0, 200.0);
        assert_eq!((over.volunteering, over.search, over.care), (0.0, 0.0, 0.0));
        assert!((over.participation - 193.0).abs() < 1e-9);
    }
}
