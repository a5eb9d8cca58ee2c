//! Lever 8: matching between neighbourhoods (the scenario section and its validation).

use super::Lever;
use crate::scenario::Scenario;
use crate::scenario::validate::{Checker, YEARS_MAX, quoted};
use serde::{Deserialize, Serialize};

/// Lever 8: agreements and covenants between neighbourhoods (example 3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Matching {
    /// Job-seeker agreements.
    pub agreements: Vec<Agreement>,
    /// Adoption covenants.
    pub adoptions: Vec<Adoption>,
}

/// Lever 8: a job-seeker agreement between two neighbourhoods (example 3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Agreement {
    /// Neighbourhood whose job seekers are offered work.
    pub from: String,
    /// Neighbourhood where the work is (better public space, care at home).
    pub to: String,
    /// Job seekers offered work. Default 0; up to 100,000.
    pub job_seekers: u32,
    /// Years the agreement runs from the start of the run. Default 4.
    pub years: u32,
    /// Gross wage of an agreement job, paid by the municipality. Default 2300 EUR.
    pub wage_eur_per_month: f64,
    /// Weekly job-seeker meetings: the chance per month that an unemployed resident of
    /// `from` is reached and placed when a post is open. Default 0.5; 0 to 1.
    pub meeting_reach_per_month: f64,
}

/// Lever 8: an adoption covenant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Adoption {
    /// The economically strong neighbourhood.
    pub strong: String,
    /// The weak neighbourhood it adopts.
    pub weak: String,
    /// Share of the strong neighbourhood's local household spending moved to shops of the
    /// weak one. Default 0.0; 0 to 1.
    pub spending_share: f64,
}

impl Default for Agreement {
    fn default() -> Self {
        Agreement {
            from: String::new(),
            to: String::new(),
            job_seekers: 0,
            years: 4,
            wage_eur_per_month: 2300.0,
            meeting_reach_per_month: 0.5,
        }
    }
}

impl Lever for Matching {
    fn section(&self) -> &'static str {
        "matching"
    }

    fn label(&self) -> [&'static str; 2] {
        ["koppeling tussen wijken", "matching between neighbourhoods"]
    }

    fn enabled(&self) -> bool {
        !self.agreements.is_empty() || !self.adoptions.is_empty()
    }

    fn check(&self, c: &mut Checker, s: &Scenario) {
        for (i, a) in self.agreements.iter().enumerate() {
            a.check(c, s, i);
        }
        for (i, a) in self.adoptions.iter().enumerate() {
            let at = |f: &str| format!("levers.matching.adoptions[{i}].{f}");
            let strong = c.neighbourhood_name(s, &at("strong"), &a.strong);
            let weak = c.neighbourhood_name(s, &at("weak"), &a.weak);
            if strong.is_some() && strong == weak {
                c.push(
                    &at("weak"),
                    format!("is {}, the same as `strong`", quoted(&a.weak)),
                    "a covenant links two different neighbourhoods".into(),
                );
            }
            c.share(&at("spending_share"), a.spending_share);
        }
    }
}

impl Agreement {
    fn check(&self, c: &mut Checker, s: &Scenario, i: usize) {
        let at = |f: &str| format!("levers.matching.agreements[{i}].{f}");
        let from = c.neighbourhood_name(s, &at("from"), &self.from);
        let to = c.neighbourhood_name(s, &at("to"), &self.to);
        if from.is_some() && from == to {
            c.push(
                &at("to"),
                format!("is {}, the same as `from`", quoted(&self.to)),
                "an agreement links two different neighbourhoods".into(),
            );
        }
        c.int(
            &at("job_seekers"),
            self.job_seekers as u64,
            0,
            100_000,
            "job seekers",
        );
        c.int(
            &at("years"),
            self.years as u64,
            1,
            YEARS_MAX as u64,
            "years",
        );
        c.range(
            &at("wage_eur_per_month"),
            self.wage_eur_per_month,
            0.0,
            100000.0,
            "EUR",
        );
        c.prob(&at("meeting_reach_per_month"), self.meeting_reach_per_month);
    }
}
