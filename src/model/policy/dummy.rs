//! The unit tests' dummy lever (`scenario::levers::Dummy`): the municipality pays every
//! household a flat amount a month. It proves that a lever is added by its scenario file,
//! this file and one line in each registry, and that a lever switched off changes no bit.

use super::{Policy, Tick};
use crate::model::ids::HouseholdId;
use crate::model::ledger::Purpose as Flow;
use crate::model::params::{Params, cents};
use crate::scenario::Scenario;

struct Dummy {
    per_household_cents: i64,
}

pub(super) fn build(s: &Scenario, _p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.dummy;
    l.enabled.then(|| {
        Box::new(Dummy {
            per_household_cents: cents(l.eur_per_household_month),
        }) as Box<dyn Policy>
    })
}

impl Policy for Dummy {
    fn name(&self) -> &'static str {
        "dummy"
    }

    fn government_spending(&mut self, t: &mut Tick) {
        let w = &*t.world;
        for h in 0..w.households.nb.len() as u32 {
            let acc = w.household_account(HouseholdId(h));
            t.books.pay(
                w.sys.municipality,
                acc,
                self.per_household_cents,
                Flow::Subsidy,
            );
        }
        *t.work += w.households.nb.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::model::indicators::Discard;
    use crate::model::ledger::{Currency, Purpose, Sector};
    use crate::scenario;

    fn with_dummy(fields: &str) -> Result<scenario::Scenario, String> {
        let text = format!(
            "(name: \"dummy\", run: (years: 1), levers: (dummy: ({fields})),
              neighbourhoods: [(name: \"wijk\", residents: (count: 400))])"
        );
        scenario::parse(&text, "dummy.ron").map_err(|d| d.to_string())
    }

    fn subsidies_to_households(m: &Model) -> i64 {
        m.ledger()
            .tick_matrix()
            .get(Currency::Eur, Purpose::Subsidy, Sector::Households)
    }

    #[test]
    fn a_lever_added_by_its_two_files_and_two_registry_lines_acts() {
        let s = with_dummy("enabled: true, eur_per_household_month: 10.0").unwrap();
        let mut m = Model::new(&s);
        assert_eq!(m.policy_names(), ["dummy"]);
        m.step(&mut Discard);
        let households = m.world().households.nb.len() as i64;
        assert_eq!(subsidies_to_households(&m), households * 1000);
        assert!(s.levers.any_enabled());
    }

    #[test]
    fn the_dummy_lever_switched_off_changes_no_bit() {
        let off = with_dummy("enabled: false, eur_per_household_month: 10.0").unwrap();
        let mut base = off.clone();
        base.levers.dummy = Default::default();
        let run = |s: &scenario::Scenario| {
            let mut m = Model::new(s);
            m.run(&mut Discard, |_, _| {});
            assert!(m.policy_names().is_empty());
            m.result_hash()
        };
        assert_eq!(run(&off), run(&base));
        assert!(!off.levers.any_enabled());
    }

    #[test]
    fn the_dummy_lever_is_validated_in_its_own_file() {
        let e = with_dummy("enabled: true, eur_per_household_month: 5000.0").unwrap_err();
        assert!(e.contains("levers.dummy.eur_per_household_month"), "{e}");
        assert!(e.contains("above 1000"), "{e}");
        let e = with_dummy("enabled: true, eur_per_houshold_month: 5.0").unwrap_err();
        assert!(e.contains("eur_per_household_month"), "a did-you-mean: {e}");
    }
}
