//! Stock-flow consistency: the books balance every tick under many random scenarios, and
//! the ledger conserves money under random transfer sequences.

mod common;

use proptest::prelude::*;
use wijksim::model::Model;
use wijksim::model::indicators::{Observer, Period, Row};
use wijksim::model::ledger::{
    AccountId, Currency, FlowMatrix, Ledger, MatrixColumn, NO_NEIGHBOURHOOD, NeighbourhoodFlows,
    Purpose, Sector,
};
use wijksim::scenario::Scenario;

/// Checks every row of every flow matrix sums to zero, the city's and each
/// neighbourhood's, and that the neighbourhoods' own households, businesses and
/// associations add up to the city's columns of those sectors (every such agent lives in a
/// neighbourhood). Counts the city matrices seen.
#[derive(Default)]
struct RowsSumToZero {
    matrices: usize,
    city: Option<FlowMatrix>,
    /// The neighbourhoods' own sectors summed, per (currency, purpose, sector).
    own: std::collections::BTreeMap<(usize, usize, usize), i64>,
}

const OWN: [Sector; 3] = [Sector::Households, Sector::Businesses, Sector::Associations];

impl RowsSumToZero {
    /// Compares the last city matrix with its neighbourhoods' sum.
    fn check_city(&mut self) {
        if let Some(m) = self.city.take() {
            for c in Currency::ALL {
                for p in Purpose::ALL {
                    for s in OWN {
                        let sum = self.own.get(&(c as usize, p as usize, s as usize));
                        assert_eq!(
                            m.get(c, p, s),
                            sum.copied().unwrap_or(0),
                            "{} of {} in the city and summed over its neighbourhoods",
                            p.name(),
                            s.name()
                        );
                    }
                }
            }
        }
        self.own.clear();
    }
}

impl Observer for RowsSumToZero {
    fn row(&mut self, _row: &Row<'_>) {}
    fn flow_matrix(&mut self, period: &Period, m: &FlowMatrix) {
        self.check_city();
        for c in Currency::ALL {
            for p in Purpose::ALL {
                let sum: i64 = Sector::ALL.iter().map(|&s| m.get(c, p, s)).sum();
                assert_eq!(
                    sum,
                    0,
                    "{} row of {:?} does not sum to zero",
                    p.name(),
                    period
                );
            }
        }
        self.city = Some(m.clone());
        self.matrices += 1;
    }
    fn neighbourhood_flows(&mut self, period: &Period, area: &str, f: &NeighbourhoodFlows) {
        for c in Currency::ALL {
            for p in Purpose::ALL {
                let sum: i64 = MatrixColumn::ALL
                    .iter()
                    .map(|&col| f.matrix_cell(c, p, col))
                    .sum();
                assert_eq!(sum, 0, "{} row of {area} in {period:?}", p.name());
                for s in OWN {
                    *self
                        .own
                        .entry((c as usize, p as usize, s as usize))
                        .or_default() += f.matrix_cell(c, p, MatrixColumn::Own(s));
                }
            }
        }
    }
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (
        any::<u64>(),
        prop::collection::vec(any::<bool>(), 13),
        prop::collection::vec((50u32..400, 0.0f64..0.3, 0.0f64..1.0, 20.0f64..200.0), 1..4),
        (0.3f64..1.0, 0.0f64..0.2, 0.0f64..0.5, 0.0f64..1.0),
    )
        .prop_map(|(seed, switches, nbs, (alpha1, alpha2, tax, award))| {
            let mut s = Scenario::default();
            s.run.seed = seed;
            s.run.years = 2;
            let e = &mut s.economy;
            let flags = [
                &mut e.outside_world,
                &mut e.supplies,
                &mut e.taxes,
                &mut e.benefits,
                &mut e.pensions,
                &mut e.rent,
                &mut e.associations,
                &mut e.procurement,
                &mut e.business_dynamics,
                &mut e.labour_market,
                &mut e.training,
                &mut e.national_transfers,
                &mut e.demography,
            ];
            for (f, v) in flags.into_iter().zip(switches) {
                *f = v;
            }
            s.behaviour.consumption_alpha1 = alpha1;
            s.behaviour.consumption_alpha2 = alpha2;
            s.municipality.income_tax_rate = tax;
            s.municipality.procurement.local_award_probability = award;
            s.neighbourhoods = nbs
                .into_iter()
                .enumerate()
                .map(|(i, (count, unemployment, local, firms))| {
                    let mut n = wijksim::scenario::Neighbourhood {
                        name: format!("n{i}"),
                        ..Default::default()
                    };
                    n.residents.count = count;
                    n.residents.initial_unemployment_rate = unemployment;
                    n.residents.spending_share_local = local;
                    n.businesses.per_1000_residents = firms;
                    n
                })
                .collect();
            s
        })
        .prop_filter("valid scenarios only", |s| {
            wijksim::scenario::validate::check(s).is_empty()
        })
}

fn levers_strategy() -> impl Strategy<Value = Scenario> {
    (
        scenario_strategy(),
        prop::collection::vec(any::<bool>(), 18),
        prop::collection::vec(0.0f64..1.0, 16),
    )
        .prop_map(|(mut s, on, x)| {
            s.coins.enabled = on[0];
            s.coins.value_eur = 0.1 + x[0];
            s.coins.issuance.per_volunteer_hour = 20.0 * x[1];
            s.coins.issuance.per_training_month = 50.0 * x[2];
            s.coins.issuance.opening_coins_per_household = 100.0 * x[3];
            s.coins.backing_share = x[4];
            s.coins.purchase.enabled = on[1];
            s.coins.purchase.bonus_share = 0.2 * x[5];
            s.coins.acceptance.business_supplies_share = x[6];
            s.coins.redemption.businesses = on[2];
            s.coins.redemption.associations = on[3];
            s.coins.redemption.fee_share = 0.2 * x[7];
            s.coins.demurrage.rate_per_period = 0.1 * x[8];
            s.coins.demurrage.period_months = 1 + (x[9] * 3.0) as u32;
            s.coins.acceptance.owner_draw_share = x[10];
            s.coins.acceptance.pass_on_cost_max_share = 0.001 + 0.2 * x[11];
            s.coins.participation.ceiling_share = x[12];
            s.coins.participation.start_share = x[13] * x[12];
            s.coins.redemption.fee_to_associations_share = x[14];
            s.coins.demurrage.proceeds_to_associations_share = x[15];
            s.coins.acceptance.wage_share = x[0];
            // Businesses deciding whether to accept coins, from any start and at any costs.
            s.coins.acceptance.businesses_decide = on[17];
            s.coins.acceptance.start_share = x[15];
            s.coins.acceptance.coin_user_preference = 3.0 * x[14];
            s.coins.acceptance.membership_eur_per_month = 10.0 * x[13];
            s.coins.acceptance.handling_cost_max_eur_per_month = 3000.0 * x[12];
            if on[16] {
                s.coins.expiry.month_of_year = (1 + (x[9] * 12.0) as u32).min(12);
                s.coins.expiry.renewal_share = x[8];
            }
            let l = &mut s.levers;
            l.benefits_tied_to_coins.enabled = on[0] && on[4];
            l.benefits_tied_to_coins.bonus_eur_per_coin = x[1];
            l.benefits_tied_to_coins.minimum_coins_per_month = 100.0 * x[2];
            l.benefits_tied_to_coins.sanction_share = x[3];
            l.benefits_tied_to_coins.coins_count_as_income = on[5];
            l.shops_accept_coins.enabled = on[0] && on[6];
            l.shops_accept_coins.share_of_price = x[4];
            l.association_fees_in_coins.enabled = on[0] && on[7];
            l.association_fees_in_coins.share = x[5];
            l.residents_exchange_coins.enabled = on[0] && on[8];
            l.residents_exchange_coins.saving_propensity = 0.9 * x[6];
            if on[16] && on[15] {
                l.residents_exchange_coins.rule = wijksim::scenario::ExchangeRule::Services;
                l.residents_exchange_coins.saving_propensity = 0.0;
            }
            l.procurement_quota.enabled = on[9];
            l.procurement_quota.resident_share = x[7];
            l.maintenance_supplement.enabled = on[10];
            l.maintenance_supplement.eur_per_resident_month = 30.0 * x[8];
            l.maintenance_supplement.resident_work_share = x[9];
            l.pay_residents.enabled = on[0] && on[11];
            l.pay_residents.budget_eur_per_resident_month = 20.0 * x[0];
            l.youth_contract.enabled = on[12];
            l.business_cooperation.enabled = on[13];
            l.business_cooperation.joint_purchasing_saving_share = 0.5 * x[1];
            l.business_cooperation.internships_per_100_businesses_month = 10.0 * x[2];
            l.business_cooperation.promotion_local_share_increase = 0.5 * x[3];
            l.buy_local.enabled = on[14];
            l.buy_local.local_share_increase = x[4];
            l.buy_local.months = (24.0 * x[5]) as u32;
            l.buy_local.effect_retention_per_month = 0.99 * x[6];
            l.shops_accept_coins.discount_share = 0.5 * x[7];
            s.coins.issuance.volunteer_hours_share = x[9];
            // Prices and shop choice (issue 11).
            s.behaviour.shop_candidates = 1 + (7.0 * x[10]) as u32;
            s.behaviour.price_review_probability_per_month = x[11];
            s.behaviour.markup_step_max = 0.5 * x[12];
            s.outside.price_level = 0.5 + 1.5 * x[13];
            if on[15] && s.neighbourhoods.len() >= 2 {
                let (a, b) = (
                    s.neighbourhoods[0].name.clone(),
                    s.neighbourhoods[1].name.clone(),
                );
                l.matching.agreements.push(wijksim::scenario::Agreement {
                    from: a.clone(),
                    to: b.clone(),
                    job_seekers: (50.0 * x[5]) as u32,
                    years: 1,
                    ..Default::default()
                });
                l.matching.adoptions.push(wijksim::scenario::Adoption {
                    strong: b,
                    weak: a,
                    spending_share: x[6],
                });
            }
            s
        })
        .prop_filter("valid scenarios only", |s| {
            wijksim::scenario::validate::check(s).is_empty()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Every tick asserts the books (check_books panics with the seed); the flow matrices'
    /// rows sum to zero; a final check confirms.
    #[test]
    fn books_balance_in_random_scenarios(s in scenario_strategy()) {
        let mut m = Model::new(&s);
        let mut obs = RowsSumToZero::default();
        m.run(&mut obs, |_, _| {});
        obs.check_city();
        prop_assert!(m.ledger().check_books().is_ok());
        prop_assert_eq!(obs.matrices, 2 * (12 + 4 + 1));
    }

    /// Both currencies' books balance under random combinations of the coin scheme and
    /// all levers (the agreement ends inside the run, so its release is exercised too).
    #[test]
    fn books_balance_under_random_levers(s in levers_strategy()) {
        let mut m = Model::new(&s);
        let mut obs = RowsSumToZero::default();
        m.run(&mut obs, |_, _| {});
        obs.check_city();
        prop_assert!(m.ledger().check_books().is_ok());
    }

    /// Random transfers between random accounts: balances of each currency always sum to
    /// zero, and a rejected transfer changes no balance.
    #[test]
    fn ledger_conserves_money(ops in prop::collection::vec((0u32..6, 0u32..6, -5i64..2000, any::<bool>()), 1..300)) {
        let mut l = Ledger::new(2);
        l.open(Sector::RestOfWorld, NO_NEIGHBOURHOOD, true);
        for i in 0..5 {
            l.open(Sector::Households, (i % 2) as u16, false);
        }
        for (from, to, amount, coin) in ops {
            let c = if coin { Currency::Coin } else { Currency::Eur };
            let before: Vec<i64> = (0..6).map(|a| l.balance(c, AccountId(a))).collect();
            let r = l.transfer(c, AccountId(from), AccountId(to), amount, Purpose::Consumption);
            let after: Vec<i64> = (0..6).map(|a| l.balance(c, AccountId(a))).collect();
            if r.is_err() {
                prop_assert_eq!(before, after);
            } else {
                prop_assert_eq!(after[to as usize] - before[to as usize], amount);
            }
            prop_assert!(l.check_books().is_ok());
        }
    }
}
