//! The coin scheme and the eleven levers: each moves the indicators it acts on in the
//! direction the policy documents expect, shown over several seeds (paired one-sided
//! t-tests with common random numbers); where the model disagrees, the test says so.
//! Also: the random-exchange model's known distributions, demurrage and circulation, the
//! redemption fee, and conservation of money between neighbourhoods.
//!
//! Each (scenario, seed) runs once in this test binary ([`common::run_once`]): a scenario
//! that several tests or assertions compare (`with_coins(3)`, `base(4)`) is read, not rerun.

mod common;

use wijksim::model::Model;
use wijksim::model::ids::HouseholdId;
use wijksim::model::indicators::{Discard, gini};
use wijksim::model::ledger::{Currency, Locality, Purpose, Sector};
use wijksim::scenario::Scenario;

const SEEDS: [u64; 8] = [11, 12, 13, 14, 15, 16, 17, 18];

/// Twice as many seeds, for the levers whose jobs the regional labour market mostly
/// displaces (levers 5 and 6: residents hired under them would mostly have found an outside
/// job within months, docs/ODD.md 7.9), so that an effect of about 0.1 point of
/// unemployment is resolved at p < 0.01.
const SEEDS_16: [u64; 16] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
];

fn base(years: u32) -> Scenario {
    common::parse(&format!(
        r#"(name: "b", run: (years: {years}), neighbourhoods: [(name: "w", residents: (count: 2500))])"#
    ))
}

fn with_coins(years: u32) -> Scenario {
    let mut s = base(years);
    s.coins.enabled = true;
    s.coins.issuance.per_volunteer_hour = 10.0;
    s.coins.redemption.businesses = true;
    s.coins.redemption.associations = true;
    s
}

/// Mean of `indicator` over years 2..=last, city, per seed.
fn values(s: &Scenario, indicator: &str) -> Vec<f64> {
    values_over(s, indicator, &SEEDS)
}

fn values_over(s: &Scenario, indicator: &str, seeds: &[u64]) -> Vec<f64> {
    common::per_seed(s, seeds, indicator, 2, s.run.years)
}

fn assert_higher(base: &Scenario, changed: &Scenario, indicator: &str) {
    assert_higher_over(base, changed, indicator, &SEEDS);
}

fn assert_higher_over(base: &Scenario, changed: &Scenario, indicator: &str, seeds: &[u64]) {
    let (a, b) = (
        values_over(base, indicator, seeds),
        values_over(changed, indicator, seeds),
    );
    let p = common::paired_p_greater(&a, &b);
    assert!(
        p < 0.01,
        "{indicator}: expected higher with the lever, p = {p:.4}\nwithout {a:?}\nwith    {b:?}"
    );
}

fn assert_lower(base: &Scenario, changed: &Scenario, indicator: &str) {
    assert_lower_over(base, changed, indicator, &SEEDS);
}

fn assert_lower_over(base: &Scenario, changed: &Scenario, indicator: &str, seeds: &[u64]) {
    let (a, b) = (
        values_over(base, indicator, seeds),
        values_over(changed, indicator, seeds),
    );
    let p = common::paired_p_greater(&b, &a);
    assert!(
        p < 0.01,
        "{indicator}: expected lower with the lever, p = {p:.4}\nwithout {a:?}\nwith    {b:?}"
    );
}

#[test]
fn lever_01_benefits_tied_to_coins_raise_participation() {
    let b = with_coins(4);
    let mut c = b.clone();
    c.levers.benefits_tied_to_coins.enabled = true;
    c.levers.benefits_tied_to_coins.bonus_eur_per_coin = 1.0;
    assert_higher(&b, &c, "volunteer_hours");
    assert_higher(&b, &c, "coins_issued_count");
    assert_higher(&b, &c, "benefits_eur");
}

#[test]
fn lever_01_sanctions_cut_benefits() {
    let mut b = with_coins(4);
    b.levers.benefits_tied_to_coins.enabled = true;
    let mut c = b.clone();
    c.levers.benefits_tied_to_coins.minimum_coins_per_month = 1000.0;
    c.levers.benefits_tied_to_coins.sanction_share = 0.3;
    assert_higher(&b, &c, "households_sanctioned_count");
    assert_lower(&b, &c, "benefits_eur");
}

#[test]
fn lever_02_shops_accepting_coins_win_turnover() {
    let mut b = with_coins(4);
    b.coins.issuance.per_volunteer_hour = 30.0;
    let mut c = b.clone();
    c.levers.shops_accept_coins.enabled = true;
    c.levers.shops_accept_coins.share_of_price = 0.3;
    assert_higher(&b, &c, "business_turnover_eur");
    assert_higher(&b, &c, "coin_share_of_local_turnover");
}

#[test]
fn lever_03_association_fees_in_coins_circulate_coins() {
    let b = with_coins(3);
    let mut c = b.clone();
    c.levers.association_fees_in_coins.enabled = true;
    c.levers.association_fees_in_coins.share = 0.5;
    assert_higher(&b, &c, "coin_velocity_per_year");
    assert_higher(&b, &c, "coins_redeemed_count");
}

#[test]
fn lever_04_residents_paying_each_other_speed_up_coins() {
    let b = with_coins(3);
    let mut c = b.clone();
    c.levers.residents_exchange_coins.enabled = true;
    assert_higher(&b, &c, "coin_velocity_per_year");
}

/// Lever 4 as informal services: every service paid is `hours_per_service` hours at its
/// price, so the value of the help is the hours times the price of an hour, to the coin;
/// the help is activity no euro indicator shows, and the euro side of the run is the
/// baseline's to the bit (the coins touch no euro account).
#[test]
fn lever_04_services_count_hours_and_value_and_touch_no_euro() {
    let b = with_coins(3);
    let mut c = b.clone();
    let l = &mut c.levers.residents_exchange_coins;
    l.enabled = true;
    l.rule = wijksim::scenario::ExchangeRule::Services;
    l.hours_per_service = 2.0;
    l.coins_per_hour = 2.5;
    let (yb, yc) = (common::run_once(&b), common::run_once(&c));
    for year in 1..=3 {
        let hours = yc.get(year, "city", "resident_services_hours");
        let value = yc.get(year, "city", "resident_services_eur");
        // Volunteering earns 10 coins an hour in `with_coins`: households hold coins to pay.
        assert!(hours > 1000.0, "year {year}: {hours} hours of help");
        assert!(
            (value - hours * 2.5).abs() < 1e-6,
            "{value} for {hours} hours"
        );
        assert_eq!(yb.get(year, "city", "resident_services_hours"), 0.0);
        for euro in [
            "business_turnover_eur",
            "unemployment_rate",
            "municipal_net_cost_eur",
        ] {
            assert_eq!(
                yb.get(year, "city", euro),
                yc.get(year, "city", euro),
                "{euro}"
            );
        }
    }
}

#[test]
fn lever_05_procurement_quota_hires_residents() {
    let mut b = base(5);
    b.neighbourhoods[0].residents.count = 5300;
    // Four-year contracts (a council term), so that the quota is not undone by tenders.
    b.municipality.procurement.contract_months = 48;
    let mut c = b.clone();
    c.levers.procurement_quota.enabled = true;
    c.levers.procurement_quota.resident_share = 1.0;
    // A care budget in the range of Dutch Wmo and youth-care spending, so that the
    // contract holder employs enough people for the quota to matter.
    c.municipality.procurement.care_eur_per_resident_month = 100.0;
    let mut b2 = b.clone();
    b2.municipality.procurement.care_eur_per_resident_month = 100.0;
    // The lever acts: residents hold jobs at outside contract holders under the quota.
    let quota_jobs = |s: &Scenario| {
        let mut m = Model::new(s);
        m.run(&mut Discard, |_, _| {});
        let r = &m.world().residents;
        r.contract.iter().filter(|&&c| c != u16::MAX).count()
    };
    assert_eq!(quota_jobs(&b2), 0);
    assert!(quota_jobs(&c) > 0, "no resident holds a quota job");
    // Not asserted at this file's p < 0.01: that unemployment falls and employment rises.
    // With the regional labour market (residents hired under the quota would partly have
    // found outside work anyway), over these 16 seeds the quota lowers unemployment by about
    // 0.13 points of 4.2% (p = 0.014) and raises working residents with p = 0.012.
}

/// Lever 6 creates jobs for residents (docs/ODD.md, lever 6). Under the hard skill cut-off
/// of old, the supplement hardly raised residents' employment at the default skill of
/// maintenance work (0.3), and only work asking no skill did; with employers' ranking
/// (ODD 7.9, no cut-off) residents below the skill are hired less often, not never, and
/// over 16 paired seeds the supplement raises working residents at either skill, by about
/// the same (3.4 and 3.1 a year, years 2 to 4; a paired test of the difference gave
/// p = 0.65).
#[test]
fn lever_06_maintenance_supplement_creates_jobs_for_residents() {
    let mut b = base(4);
    b.neighbourhoods[0].residents.count = 5300;
    b.municipality.procurement.contract_months = 48;
    let mut c = b.clone();
    c.levers.maintenance_supplement.enabled = true;
    c.levers.maintenance_supplement.eur_per_resident_month = 40.0;
    c.levers.maintenance_supplement.resident_work_share = 0.8;
    assert_higher(&b, &c, "municipal_net_cost_eur");
    assert_higher_first_year(&b, &c, "working_residents_count");
    let low_skill = |mut s: Scenario| {
        s.neighbourhoods[0]
            .businesses
            .sectors
            .maintenance
            .skill_required = Some(0.0);
        s
    };
    let (b0, c0) = (low_skill(b.clone()), low_skill(c.clone()));
    assert_higher_first_year(&b0, &c0, "working_residents_count");
}

/// Lever 6's gain in working residents is largest in its first year and fades as the
/// regional market fills the posts residents would otherwise have taken (docs/ODD.md 7.9):
/// over 16 seeds, +7.6 [6.6, 8.6] in year 1, +2.3 [-0.4, 4.9] in year 2, +0.6 [-1.3, 2.5]
/// in year 4 (`wijksim compare`, the test's scenarios). So the test reads year 1.
fn assert_higher_first_year(b: &Scenario, c: &Scenario, indicator: &str) {
    let (x, y) = (
        common::per_seed(b, &SEEDS_16, indicator, 1, 1),
        common::per_seed(c, &SEEDS_16, indicator, 1, 1),
    );
    let p = common::paired_p_greater(&x, &y);
    assert!(
        p < 0.01,
        "{indicator}, year 1: p = {p:.4}\nwithout {x:?}\nwith    {y:?}"
    );
}

#[test]
fn lever_07_paying_residents_in_coins_reaches_local_shops() {
    let mut b = with_coins(4);
    b.levers.shops_accept_coins.enabled = true;
    b.levers.shops_accept_coins.share_of_price = 0.5;
    let mut c = b.clone();
    c.levers.pay_residents.enabled = true;
    c.levers.pay_residents.budget_eur_per_resident_month = 40.0;
    assert_higher(&b, &c, "coins_issued_count");
    // With prices the extra demand moves them too (+0.4% in years 2 and 3), which adds
    // noise between seeds: 16 of them resolve the turnover (+180k to +270k a year).
    assert_higher_over(&b, &c, "business_turnover_eur", &SEEDS_16);
    assert_higher(&b, &c, "coin_scheme_cost_eur");
}

#[test]
fn lever_08_agreement_moves_job_seekers_into_work() {
    let two = |agreement: bool| {
        let mut s = common::parse(
            r#"(name: "ab", run: (years: 3), neighbourhoods: [
                (name: "A", residents: (count: 2000, initial_unemployment_rate: 0.2, skill_mean: 0.4)),
                (name: "B", residents: (count: 2000, initial_unemployment_rate: 0.05))])"#,
        );
        if agreement {
            s.levers
                .matching
                .agreements
                .push(wijksim::scenario::Agreement {
                    from: "A".into(),
                    to: "B".into(),
                    job_seekers: 60,
                    ..Default::default()
                });
        }
        s
    };
    let area = |s: &Scenario, area: &str, ind: &str| -> Vec<f64> {
        SEEDS
            .iter()
            .map(|&seed| {
                let mut s = s.clone();
                s.run.seed = seed;
                common::run_once(&s).mean(area, ind, 2, 3)
            })
            .collect()
    };
    let (b, c) = (two(false), two(true));
    let p = common::paired_p_greater(
        &area(&c, "A", "unemployment_rate"),
        &area(&b, "A", "unemployment_rate"),
    );
    assert!(p < 0.01, "unemployment in A should fall, p = {p}");
    let jobs_b = area(&c, "B", "jobs_in_neighbourhood_count");
    let jobs_b0 = area(&b, "B", "jobs_in_neighbourhood_count");
    assert!(
        common::paired_p_greater(&jobs_b0, &jobs_b) < 0.01,
        "jobs located in B should rise"
    );
    assert!(
        area(&c, "A", "agreement_jobs_count")
            .iter()
            .all(|&x| x > 50.0)
    );
}

#[test]
fn lever_09_youth_contract_means_more_training_fewer_young_unemployed() {
    // From the steady state after the burn-in the effect on youth unemployment is small
    // (a few tenths of a point) and the training gain vests over two years: it shows over
    // years 2 to 8 and 16 seeds, not over 4 years (p = 0.07 over 16 seeds before household
    // time and reservation wages, which make it smaller still).
    let b = base(8);
    let mut c = b.clone();
    c.levers.youth_contract.enabled = true;
    assert_higher(&b, &c, "training_hours");
    assert_lower_over(&b, &c, "youth_unemployment_rate", &SEEDS_16);
    // Issue 10's review found training free; the courses are paid now.
    assert_higher(&b, &c, "training_cost_eur");
}

/// Training costs the municipality money in the years it runs: every month a resident
/// spends in training is a course fee (the residents in training when the month's training
/// phase begins are those of the end of the month before; no demography, which could end a
/// training in January), and more training costs more.
#[test]
fn training_costs_the_municipality_a_fee_per_trainee_month() {
    use wijksim::model::world::Status;
    let mut b = base(2);
    b.economy.demography = false;
    b.behaviour.training_cost_eur_per_month = 500.0;
    let mut m = Model::new(&b);
    let mut years = common::Years::default();
    let mut trainee_months = [0u64; 2];
    for tick in 0..24 {
        let w = m.world();
        trainee_months[tick / 12] += w
            .residents
            .status
            .iter()
            .filter(|&&s| s == Status::Training)
            .count() as u64;
        m.step(&mut years);
    }
    for year in 1..=2 {
        let cost = years.get(year, "city", "training_cost_eur");
        let months = trainee_months[year as usize - 1];
        assert_eq!(cost, 500.0 * months as f64, "year {year}");
        assert!(months > 0, "year {year}: nobody trained");
    }
    let mut c = b.clone();
    c.behaviour.training_probability_per_month = 0.05;
    assert_higher(&b, &c, "training_cost_eur");
    // Not asserted: that the net municipal cost rises too. The extra fees (about EUR 45,000
    // a year here) are below the noise of benefits between runs (about EUR 100,000), and
    // training also moves who is on bijstand.
}

#[test]
fn lever_10_business_cooperation_raises_turnover_and_cuts_leakage() {
    let b = base(5);
    let mut c = b.clone();
    c.levers.business_cooperation.enabled = true;
    c.levers.business_cooperation.joint_purchasing_saving_share = 0.15;
    c.levers.business_cooperation.promotion_local_share_increase = 0.05;
    assert_higher(&b, &c, "business_turnover_eur");
    // Joint purchasing buys fewer supplies, most of which come from outside.
    assert_lower(&b, &c, "leakage_share");
}

#[test]
fn lever_11_buy_local_keeps_money_in_the_neighbourhood() {
    let b = base(4);
    let mut c = b.clone();
    c.levers.buy_local.enabled = true;
    c.levers.buy_local.local_share_increase = 0.3;
    assert_higher(&b, &c, "business_turnover_eur");
    assert_lower(&b, &c, "leakage_share");
    // LM3 (docs/ODD.md, LM3) is a ratio to the first round: its second round is
    // businesses' local spending, mostly resident wages. The jobs the extra turnover opens
    // go to residents only with their share of the applicants (ODD 7.9, step 5), so the
    // share of the businesses' spending that stays falls. With local vacancies going to
    // residents whenever one is found (a proximity weight of 10,000), buying local raises
    // LM3 by more than at the default weight.
    let lm3_gain = |b: &Scenario, c: &Scenario| -> Vec<f64> {
        let (x, y) = (values(b, "lm3"), values(c, "lm3"));
        x.iter().zip(&y).map(|(x, y)| y - x).collect()
    };
    let (mut b_near, mut c_near) = (b.clone(), c.clone());
    b_near.region.proximity_weight = 10_000.0;
    c_near.region.proximity_weight = 10_000.0;
    let (default, near) = (lm3_gain(&b, &c), lm3_gain(&b_near, &c_near));
    let p = common::paired_p_greater(&default, &near);
    assert!(
        p < 0.05,
        "lm3 gain of buying local: expected larger when residents are hired first, p = {p:.4}\ndefault {default:?}\nnear    {near:?}"
    );
}

/// A bought coin that shops take for the whole price, businesses passing coins on to
/// suppliers (half of local supplies) and owners (half of the draw) when that costs them
/// less than the fee (docs/ODD.md 7.14): the Chiemgauer's design, every household taking
/// part, with redemption fee `fee` and demurrage `demurrage` a quarter.
fn bought_coin(fee: f64, demurrage: f64) -> Scenario {
    let mut s = base(3);
    s.coins.enabled = true;
    s.coins.purchase.enabled = true;
    s.coins.purchase.share_of_local_spending = 0.2;
    s.coins.acceptance.business_supplies_share = 0.5;
    s.coins.acceptance.owner_draw_share = 0.5;
    s.coins.redemption.businesses = true;
    s.coins.redemption.fee_share = fee;
    s.coins.demurrage.rate_per_period = demurrage;
    s.coins.demurrage.period_months = 3;
    s.levers.shops_accept_coins.enabled = true;
    s.levers.shops_accept_coins.share_of_price = 1.0;
    s
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Demurrage speeds the coin up by the size money demand's semi-elasticity gives: 2% a
/// quarter (the Chiemgauer's) raised the transactions velocity by about 20% (8.5 to 10.1
/// a year over seeds 11 and 12, years 3) and 6% a quarter by about 70% (to 14.5); the
/// bounds below are half of those. It lowers the coins held, so demurrage charged rises
/// less than the rate.
#[test]
fn demurrage_raises_coin_velocity_by_a_stated_amount() {
    let none = bought_coin(0.05, 0.0);
    let chiemgauer = bought_coin(0.05, 0.02);
    let heavy = bought_coin(0.05, 0.06);
    for (s, gain) in [(&chiemgauer, 0.10), (&heavy, 0.35)] {
        assert_higher(&none, s, "coin_velocity_per_year");
        let (a, b) = (
            mean(&values(&none, "coin_velocity_per_year")),
            mean(&values(s, "coin_velocity_per_year")),
        );
        assert!(
            b > a * (1.0 + gain),
            "demurrage {}: velocity {a:.2} -> {b:.2}, expected at least +{:.0}%",
            s.coins.demurrage.rate_per_period,
            gain * 100.0
        );
    }
    assert_higher(&none, &chiemgauer, "coins_demurrage_count");
    assert_higher(&chiemgauer, &none, "coins_in_circulation_count");
}

/// The redemption fee changes what businesses do: with no fee every business redeems every
/// coin it receives (passing coins on costs it something, redeeming nothing); at 5% about a
/// quarter of the coins businesses receive are passed on (0.26 over seeds 11 and 12, years
/// 3), at 10% about two fifths (0.42). The coins passed on keep the coin in the wijk, but
/// they replace euros in payments that would have been made anyway, so turnover does not
/// rise; the fee is a cost to businesses (asserted in the closing lines: no gain of even
/// 0.5% in turnover).
#[test]
fn a_redemption_fee_makes_businesses_pass_coins_on() {
    let free = bought_coin(0.0, 0.0);
    let five = bought_coin(0.05, 0.0);
    let ten = bought_coin(0.1, 0.0);
    let passed = |s: &Scenario| mean(&values(s, "coins_passed_on_share"));
    assert_eq!(passed(&free), 0.0, "no fee: every coin is redeemed");
    assert!(
        (0.13..0.5).contains(&passed(&five)),
        "fee 5%: passed on {:.3}",
        passed(&five)
    );
    assert_higher(&five, &ten, "coins_passed_on_share");
    assert!(passed(&ten) > passed(&five) + 0.08);
    assert_higher(&free, &five, "coin_velocity_per_year");
    let turnover = |s: &Scenario| mean(&values(s, "business_turnover_eur"));
    assert!(
        turnover(&ten) < turnover(&free) * 1.005,
        "turnover {:.0} -> {:.0}",
        turnover(&free),
        turnover(&ten)
    );
}

/// With a redemption fee f and no backing fund, the municipality pays (1 - f) times the
/// coin's value for every coin redeemed (to the cent, per redemption).
#[test]
fn redemption_fee_leaves_the_municipality_paying_one_minus_f() {
    let mut s = with_coins(2);
    s.coins.value_eur = 0.1;
    s.coins.redemption.fee_share = 0.05;
    s.levers.shops_accept_coins.enabled = true;
    s.levers.shops_accept_coins.share_of_price = 0.5;
    let y = common::run_once(&s);
    for year in 1..=2 {
        let redeemed = y.get(year, "city", "coins_redeemed_count");
        let cost = y.get(year, "city", "coin_scheme_cost_eur");
        assert!(redeemed > 1000.0);
        let expected = redeemed * 0.1 * (1.0 - 0.05);
        // Each redemption rounds to the cent: at most half a cent each, a few thousand a year.
        assert!(
            (cost - expected).abs() < 0.005 * 12.0 * 400.0,
            "year {year}: cost {cost}, expected {expected}"
        );
    }
}

/// The households' coin balances after `years` of lever 4 alone among 6,000 residents, each
/// household opening with `opening` coins, the lever set by `set`.
fn exchanged_coins(
    seed: u64,
    years: u32,
    opening: f64,
    set: impl Fn(&mut wijksim::scenario::ResidentsExchange),
) -> Vec<f64> {
    let mut s =
        common::parse(r#"(name: "exchange", neighbourhoods: [(residents: (count: 6000))])"#);
    s.run.seed = seed;
    s.run.years = years;
    s.coins.enabled = true;
    s.coins.issuance.opening_coins_per_household = opening;
    s.levers.residents_exchange_coins.enabled = true;
    set(&mut s.levers.residents_exchange_coins);
    let mut m = Model::new(&s);
    m.run(&mut Discard, |_, _| {});
    let w = m.world();
    (0..w.households.nb.len() as u32)
        .map(|h| {
            m.ledger()
                .balance(Currency::Coin, w.household_account(HouseholdId(h))) as f64
        })
        .collect()
}

/// The random-exchange model of statistical physics: with only residents trading coins at
/// random, coin holdings tend to the exponential (Boltzmann-Gibbs) distribution, Gini 1/2;
/// with a saving propensity lambda, to a gamma distribution of shape 1 + 3 lambda / (1 -
/// lambda) (Chakraborti-Chakrabarti), Gini Gamma(n + 1/2) / (n Gamma(n) sqrt(pi)).
#[test]
fn random_exchange_reaches_the_known_distributions() {
    use statrs::function::gamma::gamma;
    for lambda in [0.0, 0.5] {
        let mut coins = exchanged_coins(42, 3, 500.0, |l| {
            l.saving_propensity = lambda;
            l.trades_per_household_month = 4;
        });
        let total: f64 = coins.iter().sum();
        assert_eq!(
            total,
            500.0 * coins.len() as f64,
            "the exchange conserves coins"
        );
        let n = 1.0 + 3.0 * lambda / (1.0 - lambda);
        let expected = gamma(n + 0.5) / (n * gamma(n) * std::f64::consts::PI.sqrt());
        let g = gini(&mut coins);
        assert!(
            (g - expected).abs() < 0.02,
            "lambda {lambda}: Gini {g:.4}, expected {expected:.4}"
        );
    }
}

/// The exchange in whole coins: with few coins a household, the symmetric split and the
/// unit transfer both tend to the discrete form of the exponential law, the geometric
/// distribution P(m) = (1 / (1 + T)) (T / (1 + T))^m of mean T (Dragulescu and Yakovenko
/// 2000), so that one household in 1 + T holds no coin and the Gini coefficient, the sum
/// over m of F(m) (1 - F(m)) over T, is (1 + T) / (1 + 2T). With T = 10: 1/11 = 0.091
/// without coins (the biased split of before, in which the household that started a trade
/// always rounded down, gave 0.005), Gini 11/21 = 0.524.
#[test]
fn the_whole_coin_exchange_leaves_one_household_in_one_plus_t_without_coins() {
    use wijksim::scenario::ExchangeRule;
    const T: f64 = 10.0;
    // A unit transfer moves one coin a trade, a random walk that needs of the order of m^2
    // trades to fill the tail at m (about 40 here): it runs 20 trades a household a month
    // (each household takes part in about 40) for five years.
    for (rule, trades, years) in [
        (ExchangeRule::Split, 4, 3),
        (ExchangeRule::UnitTransfer, 20, 5),
    ] {
        let (mut zero, mut all, mut ginis) = (0usize, 0usize, Vec::new());
        for seed in 1..=3 {
            let mut coins = exchanged_coins(seed, years, T, |l| {
                l.rule = rule;
                l.trades_per_household_month = trades;
            });
            assert_eq!(coins.iter().sum::<f64>(), T * coins.len() as f64);
            zero += coins.iter().filter(|&&c| c == 0.0).count();
            all += coins.len();
            ginis.push(gini(&mut coins));
        }
        let share = zero as f64 / all as f64;
        let g = ginis.iter().sum::<f64>() / ginis.len() as f64;
        eprintln!("{rule:?}: {share:.4} of households without coins, Gini {g:.4}");
        // About 8,600 households over three seeds: the share's standard error is about
        // 0.003; the bands are four of them.
        assert!(
            (share - 1.0 / (1.0 + T)).abs() < 0.012,
            "{rule:?}: {share:.4} without coins, expected {:.4}",
            1.0 / (1.0 + T)
        );
        assert!(
            (g - (1.0 + T) / (1.0 + 2.0 * T)).abs() < 0.02,
            "{rule:?}: Gini {g:.4}, expected {:.4}",
            (1.0 + T) / (1.0 + 2.0 * T)
        );
    }
}

/// Money moves between neighbourhoods only through the ledger: what one pays to the other
/// is what the other receives, every tick, in both currencies.
#[test]
fn money_is_conserved_between_neighbourhoods() {
    let mut s = common::parse(
        r#"(name: "ab", run: (years: 2), neighbourhoods: [
            (name: "A", residents: (count: 1500)), (name: "B", residents: (count: 1200))])"#,
    );
    s.coins.enabled = true;
    s.coins.issuance.per_volunteer_hour = 5.0;
    s.coins.acceptance.business_supplies_share = 0.5;
    s.levers.shops_accept_coins.enabled = true;
    s.levers.shops_accept_coins.share_of_price = 0.5;
    s.levers
        .matching
        .adoptions
        .push(wijksim::scenario::Adoption {
            strong: "B".into(),
            weak: "A".into(),
            spending_share: 0.3,
        });
    let mut m = Model::new(&s);
    let mut cross = 0i64;
    for _ in 0..m.ticks_total() {
        m.step(&mut Discard);
        let f = m.ledger().tick_flows();
        for c in Currency::ALL {
            let (mut a_to_b, mut b_from_a, mut b_to_a, mut a_from_b) = (0, 0, 0, 0);
            for p in Purpose::ALL {
                for s in Sector::ALL {
                    a_to_b += f[0].paid(c, p, s, Locality::OtherNeighbourhood);
                    b_from_a += f[1].received(c, p, s, Locality::OtherNeighbourhood);
                    b_to_a += f[1].paid(c, p, s, Locality::OtherNeighbourhood);
                    a_from_b += f[0].received(c, p, s, Locality::OtherNeighbourhood);
                }
            }
            assert_eq!(a_to_b, b_from_a);
            assert_eq!(b_to_a, a_from_b);
            cross += a_to_b + b_to_a;
        }
        assert!(m.ledger().check_books().is_ok());
    }
    assert!(
        cross > 0,
        "the test needs money crossing between the neighbourhoods"
    );
}

/// The baseline runs no policy code; each shipped lever scenario builds the hooks of its
/// lever and no other (levers 2, 3, 5 and 6 only change parameters and build none).
#[test]
fn each_lever_scenario_builds_only_its_own_hooks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let model =
        |f: &str| wijksim::model::Model::new(&wijksim::scenario::load(&root.join(f)).unwrap());
    assert!(model("baseline.ron").policy_names().is_empty());
    let expected: [(&str, &[&str]); 11] = [
        (
            "levers/01-benefits-tied-to-coins.ron",
            &["benefits_tied_to_coins"],
        ),
        ("levers/02-shops-accept-coins.ron", &[]),
        ("levers/03-association-fees-in-coins.ron", &[]),
        (
            "levers/04-residents-exchange-coins.ron",
            &["residents_exchange_coins"],
        ),
        ("levers/05-procurement-quota.ron", &[]),
        ("levers/06-maintenance-supplement.ron", &[]),
        ("levers/07-pay-residents.ron", &["pay_residents"]),
        ("levers/08-matching-agreement.ron", &["matching"]),
        ("levers/09-youth-contract.ron", &["youth_contract"]),
        (
            "levers/10-business-cooperation.ron",
            &["business_cooperation"],
        ),
        ("levers/11-buy-local.ron", &["buy_local"]),
    ];
    for (file, names) in expected {
        assert_eq!(model(file).policy_names(), names, "{file}");
    }
}

/// Issue 10, item 6: every lever has an indicator that shows it acted, so that "no
/// effect" can be told apart from "never acted". Each is 0 in the baseline and positive in
/// the lever's shipped scenario (first two years, city).
#[test]
fn every_lever_shows_that_it_acted() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let acted: [(&str, &str); 11] = [
        ("01-benefits-tied-to-coins", "households_sanctioned_count"),
        ("02-shops-accept-coins", "coin_share_of_local_turnover"),
        ("03-association-fees-in-coins", "coins_redeemed_count"),
        ("04-residents-exchange-coins", "coins_in_circulation_count"),
        ("05-procurement-quota", "quota_jobs_count"),
        ("06-maintenance-supplement", "supplement_jobs_count"),
        ("07-pay-residents", "pay_residents_coins_count"),
        ("08-matching-agreement", "agreement_jobs_count"),
        ("09-youth-contract", "training_hours"),
        ("10-business-cooperation", "internships_count"),
        ("11-buy-local", "campaign_cost_eur"),
    ];
    // Four years: a contract tendered to a local business (half the tenders) has no quota
    // jobs at an outside firm, and at seed 42 after a burn-in of 20 years lever 6's first two
    // tenders went local.
    let sum = |s: &Scenario, indicator: &str| {
        let mut s = s.clone();
        s.run.years = 4;
        let years = common::run_once(&s);
        (1..=4)
            .map(|y| years.get(y, "city", indicator))
            .sum::<f64>()
    };
    let baseline = wijksim::scenario::load(&root.join("baseline.ron")).unwrap();
    for (file, indicator) in acted {
        let s = wijksim::scenario::load(&root.join(format!("levers/{file}.ron"))).unwrap();
        assert!(sum(&s, indicator) > 0.0, "{file}: {indicator} is 0");
        if !matches!(file, "09-youth-contract") {
            assert_eq!(sum(&baseline, indicator), 0.0, "baseline: {indicator}");
        }
    }
}

/// A shipped preset, run for `years`.
fn preset(name: &str, years: u32) -> Scenario {
    let path = format!(
        "{}/scenarios/presets/{name}.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut s = common::parse(&std::fs::read_to_string(path).unwrap());
    s.run.years = years;
    s
}

/// The Chiemgauer preset against the Chiemgauer's figures for 2009, its seventh year, per
/// inhabitant of the 480,000 its two districts had, scaled to the wijk's 5,300 (Gelleri,
/// "Chiemgauer-Statistik 2003 bis 2014",
/// https://pdfdokument.com/chiemgauer-statistik-2003-bis-2014_59e4bf771723dded9e4b11f2.html;
/// turnover and buyers: https://chiemseeagenda.de/archiv/wirtschaft/chiemgauer/chiemgauer-im-aufwind;
/// inhabitants: https://memim.com/chiemgauer.html). Mean of seeds 1 to 4, year 7.
///
/// Four figures were calibration targets (the share of households buying, the euros
/// changed into coins, the coins in circulation, the businesses accepting them: 631 in
/// 2007 and about 600 in 2011): within a factor 2. Not targets: the share of the coins
/// businesses pass on is within 0.2 of 2009's 0.70 (2.8 of 4 million passed on), the coin
/// turnover within a factor 2 of the published 4 million, and the velocity the statistics
/// define (turnover over mean circulation) within 30% of 12.2, as issue 11 asks. The
/// preset's file and docs/ODD.md 7.14 give the model's figures.
#[test]
fn the_chiemgauer_preset_reproduces_its_published_figures() {
    let s = preset("chiemgauer", 7);
    let at = |indicator: &str, year: u32| {
        mean(&common::per_seed(&s, &[1, 2, 3, 4], indicator, year, year))
    };
    let scale = 5300.0 / 480_000.0;
    let within = |name: &str, model: f64, published: f64, factor: f64| {
        assert!(
            model > published / factor && model < published * factor,
            "{name}: model {model:.4}, published {published:.4} (factor {factor})"
        );
    };
    // Targets: 2,000 buying households of about 480,000 / 2.1; EUR 1,304,994 changed into
    // coins; EUR 327,458 in circulation; about 615 accepting businesses.
    let buying = 2000.0 / (480_000.0 / 2.1);
    within(
        "households buying",
        at("households_buying_coins_share", 7),
        buying,
        2.0,
    );
    within(
        "coins bought",
        at("coins_issued_count", 7),
        1_304_994.0 * scale,
        2.0,
    );
    let circulation =
        0.5 * (at("coins_in_circulation_count", 6) + at("coins_in_circulation_count", 7));
    within("circulation", circulation, 327_458.0 * scale, 2.0);
    let accepting = at("businesses_accepting_coins_share", 7) * at("businesses_active_count", 7);
    within("accepting businesses", accepting, 615.0 * scale, 2.0);
    // Not targets: the share passed on, the coin turnover and its velocity.
    let passed = at("coins_passed_on_share", 7);
    assert!(
        (passed - 0.7).abs() < 0.2,
        "passed on {passed:.3}, published 0.70"
    );
    let turnover = at("coin_sales_eur", 7);
    within("coin turnover", turnover, 4.0e6 * scale, 2.0);
    let velocity = turnover / circulation;
    within("velocity", velocity, 4.0e6 / 327_458.0, 1.3);
}

/// The Torekes preset against its one published figure, a calibration target: the city
/// changes about 220,000 Torekes a year into euros in the scheme's tenth year, for Rabot's
/// 8,300 inhabitants; 140,000 for the wijk's 5,300. Within a factor 2 in year 10 (mean of
/// seeds 1 to 4; 149,000 when set). Sources in the preset's file.
#[test]
fn the_torekes_preset_reproduces_its_published_redemptions() {
    let s = preset("torekes", 10);
    let redeemed = mean(&common::per_seed(
        &s,
        &[1, 2, 3, 4],
        "coins_redeemed_count",
        10,
        10,
    ));
    let published = 220_000.0 * 5300.0 / 8300.0;
    assert!(
        redeemed > published / 2.0 && redeemed < published * 2.0,
        "redeemed {redeemed:.0}, published {published:.0}"
    );
}

/// The Brixton pound preset against its two published figures, both calibration targets:
/// over 2,000 pay-by-text users in 2016 (7% of Brixton's households) and B£150,000 in
/// circulation in 2017, per inhabitant of Brixton's 66,300 scaled to the wijk's 5,300; each
/// within a factor 2 in year 8 (mean of seeds 1 to 4). Sources in the preset's file.
#[test]
fn the_brixton_preset_reproduces_its_published_figures() {
    let s = preset("brixton-pound", 8);
    let at = |indicator: &str| mean(&common::per_seed(&s, &[1, 2, 3, 4], indicator, 8, 8));
    let users = at("households_buying_coins_share");
    let households = 66_300.0 / 2.3;
    assert!(
        users > 1000.0 / households && users < 4000.0 / households,
        "users {users:.4}"
    );
    let circulation = at("coins_in_circulation_count");
    let published = 150_000.0 * 5300.0 / 66_300.0;
    assert!(
        circulation > published / 2.0 && circulation < published * 2.0,
        "circulation {circulation:.0}, published {published:.0}"
    );
}

/// Expiry at a yearly date: with no renewal (share 1) every coin held at the end of December
/// expires, so the year-end circulation is zero and the coins expired are what was held;
/// with a 2% stamp most are renewed. Holders who know the date spend before it: December's
/// coin spending propensity is 1, so fewer coins are left to expire than were held in
/// November.
#[test]
fn coins_expire_at_the_yearly_date_unless_renewed() {
    let mut gone = bought_coin(0.05, 0.0);
    gone.coins.expiry.month_of_year = 12;
    gone.coins.expiry.renewal_share = 1.0;
    let mut stamped = gone.clone();
    stamped.coins.expiry.renewal_share = 0.02;
    let y = common::run_once(&gone);
    let z = common::run_once(&stamped);
    for year in 1..=3 {
        assert_eq!(y.get(year, "city", "coins_in_circulation_count"), 0.0);
        let expired = y.get(year, "city", "coins_expired_count");
        assert!(expired > 100.0, "year {year}: {expired} expired");
        let renewed = z.get(year, "city", "coins_in_circulation_count");
        let stamp = z.get(year, "city", "coins_expired_count");
        assert!(renewed > 0.0 && stamp > 0.0 && stamp < 0.03 * (renewed + stamp) + 1.0);
    }
}

/// A discount on coin payments moves shop choice (docs/ODD.md 7.4, step 6): households that
/// can pay part of their local purchases in coins at a 30% discount shift spending to local
/// shops by the binary logit's answer to the lower price. The shift is positive and at most
/// the logit's for a household paying the whole coin share of the price in coins,
/// s(P) − s0 with P = 1 − 0.3 × 0.5 and beta 2: 0.372 − 0.300 = 0.072. The discount is
/// counted, and what households get at the prices of the start is what they paid in euros
/// and coins plus it, the local part divided by the local price level (no business pays
/// supplies in coins here, so the coin sales are households').
#[test]
fn a_coin_discount_moves_shop_choice_towards_local_shops() {
    let mut b = with_coins(3);
    b.levers.shops_accept_coins.enabled = true;
    b.levers.shops_accept_coins.share_of_price = 0.5;
    let mut c = b.clone();
    c.levers.shops_accept_coins.discount_share = 0.3;
    // The discount reaches only the coins' share of purchases: at 10% it moved the local
    // share by 0.06 points (16 seeds, year 3), which the noise of prices between seeds
    // hides; at 30% the test can see it.
    assert_higher_over(&b, &c, "household_local_spending_share", &SEEDS_16);
    let (a, d) = (
        mean(&values_over(
            &b,
            "household_local_spending_share",
            &SEEDS_16,
        )),
        mean(&values_over(
            &c,
            "household_local_spending_share",
            &SEEDS_16,
        )),
    );
    let s0: f64 = 0.3;
    let v = (s0 / (1.0 - s0)).ln() - 2.0 * (1.0f64 - 0.3 * 0.5).ln();
    let bound = 1.0 / (1.0 + (-v).exp()) - s0;
    assert!(
        d - a > 0.0 && d - a <= bound + 1e-9,
        "local share {a:.4} -> {d:.4}, shift at most {bound:.4}"
    );
    let y = common::run_once(&{
        let mut s = c.clone();
        s.run.seed = SEEDS[0];
        s
    });
    for year in 1..=3 {
        let discounts = y.get(year, "city", "coin_discounts_eur");
        assert!(discounts > 0.0);
        // What households got, at the prices of the start: the goods paid in euros,
        // coins and discounts, over the price level they paid (outside shops keep
        // price 1), so dearer local shops give less than was paid.
        let paid = y.get(year, "city", "household_consumption_eur")
            + y.get(year, "city", "coin_sales_eur");
        let real = y.get(year, "city", "real_consumption_eur");
        let index = y.get(year, "city", "local_price_index");
        let local = y.get(year, "city", "household_local_spending_share") * paid + discounts;
        let expected = paid + discounts - local + local / index;
        assert!(
            index > 1.0 && real < paid + discounts,
            "year {year}: price level {index}, {real} at start prices, {paid} paid"
        );
        assert!(
            (real - expected).abs() < 0.002 * expected,
            "year {year}: {real} at start prices, {expected} from the price level"
        );
    }
}

/// Prices respond to demand: a buy-local campaign (lever 11, +5 points of local share at
/// its full effect) raises the demand at local shops, and businesses that sell more than
/// they expected while cheaper than their competitors raise their markups (docs/ODD.md
/// 7.11). Over 16 seeds the local price level rose 0.8% in year 1 and 1.3% in year 2
/// (`wijksim compare scenarios/baseline.ron scenarios/levers/11-buy-local.ron --runs 16`),
/// which takes back part of the campaign's effect on the local share (+4.2 points, not
/// 5). The bounds are the measured years 2 and 3 within a factor of about 3.
#[test]
fn prices_respond_to_demand() {
    let b = base(3);
    let mut c = b.clone();
    c.levers.buy_local.enabled = true;
    c.levers.buy_local.local_share_increase = 0.05;
    assert_higher(&b, &c, "local_price_index");
    let rise = mean(&values(&c, "local_price_index")) / mean(&values(&b, "local_price_index"));
    assert!(rise > 1.003 && rise < 1.04, "local prices x {rise:.4}");
    let share = mean(&values(&c, "household_local_spending_share"))
        - mean(&values(&b, "household_local_spending_share"));
    assert!(share > 0.02 && share < 0.05, "local share +{share:.4}");
}

/// The campaign's effect builds up while it runs and decays once it stops (advertising
/// adstock, retention 0.72 a month, Leone 1995): a campaign of 12 months moves the local
/// share by about 3.5 points in year 1, under a third of that in year 2 (0.72^12 = 0.02 of
/// the effect is left in January of year 2), and nothing detectable in year 3. It is paid
/// only while it runs.
#[test]
fn a_buy_local_campaign_builds_up_and_decays_after_it_stops() {
    let b = base(3);
    let mut c = b.clone();
    c.levers.buy_local.enabled = true;
    c.levers.buy_local.local_share_increase = 0.05;
    c.levers.buy_local.months = 12;
    let effect = |year: u32| {
        let ind = "household_local_spending_share";
        mean(&common::per_seed(&c, &SEEDS, ind, year, year))
            - mean(&common::per_seed(&b, &SEEDS, ind, year, year))
    };
    let (one, two, three) = (effect(1), effect(2), effect(3));
    assert!(one > 0.02 && one < 0.05, "year 1: +{one:.4}");
    assert!(
        two > 0.0 && two < one / 3.0,
        "year 2: +{two:.4} after +{one:.4}"
    );
    assert!(three.abs() < 0.005, "year 3: {three:+.4}");
    let y = common::run_once(&{
        let mut s = c.clone();
        s.run.seed = SEEDS[0];
        s
    });
    assert!(y.get(1, "city", "campaign_cost_eur") > 0.0);
    assert_eq!(y.get(2, "city", "campaign_cost_eur"), 0.0);
}

/// LM3 per flow (docs/ODD.md, "LM3"). A municipal contract that always goes to an outside
/// contractor keeps nothing in round 2 (its LM3 is 1); one that always goes to a local
/// business keeps all of it in round 2 and the business's local share in round 3, 2 + s_b.
/// A coin spent by households is received in the wijk by construction (round 2 = 1), and
/// round 3 keeps what businesses pass on plus the local share of the redeemed rest's euros,
/// so the coin's LM3 is above the wijk's own.
#[test]
fn lm3_follows_a_contract_and_the_coin() {
    let mut outside = base(2);
    outside.municipality.procurement.local_award_probability = 0.0;
    let mut local = outside.clone();
    local.municipality.procurement.local_award_probability = 1.0;
    let y = common::run_once(&outside);
    for year in 1..=2 {
        assert_eq!(y.get(year, "city", "lm3_contract"), 1.0, "year {year}");
    }
    let y = common::run_once(&local);
    let year = 2;
    let s_b = y.get(year, "city", "business_local_spending_share");
    let lm3 = y.get(year, "city", "lm3_contract");
    assert!((lm3 - (2.0 + s_b)).abs() < 1e-9, "{lm3} against 2 + {s_b}");
    let y = common::run_once(&preset("chiemgauer", 3));
    let (coin, wijk) = (y.get(3, "city", "lm3_coin"), y.get(3, "city", "lm3"));
    let pi = y.get(3, "city", "coins_passed_on_share");
    let s_b = y.get(3, "city", "business_local_spending_share");
    assert!(
        (coin - (2.0 + pi + (1.0 - pi) * s_b)).abs() < 1e-6,
        "{coin}"
    );
    assert!(coin > wijk, "coin {coin}, wijk {wijk}");
}

/// Businesses that pass coins on may pay part of their resident employees' wages in coins
/// (7.14): in the Chiemgauer preset, 8% of the wage raises the share of the coins
/// businesses receive that they pass on rather than redeem, from 0.749 to 0.764 (years 2
/// to 6, 16 seeds: higher in 13, equal in 3 where few businesses took coins; paired t 3.5),
/// and the coins in circulation from 2,860 to 3,190 (the coins go to households, who hold
/// them until they spend them at a shop that takes them).
#[test]
fn businesses_pay_part_of_wages_in_coins() {
    let with = preset("chiemgauer", 6);
    let mut without = with.clone();
    without.coins.acceptance.wage_share = 0.0;
    assert_higher_over(&without, &with, "coins_passed_on_share", &SEEDS_16);
}

/// Businesses decide whether to accept coins (7.14): in the Chiemgauer preset 0.3% of them
/// take coins at the start, and more join as households adopt the coin (1.6% by year 7,
/// seeds 1 to 4); without buyers (a participation ceiling of 0) the coin brings no
/// customers, so no business that reviews its acceptance keeps it, and by year 3 the share
/// is below the start's. Where businesses do not decide, every one accepts.
#[test]
fn businesses_join_the_coin_as_its_users_grow() {
    let with = preset("chiemgauer", 7);
    let mut without = with.clone();
    without.coins.participation.ceiling_share = 0.0;
    let seeds = [1, 2, 3, 4];
    let share = |s: &Scenario, year: u32| {
        mean(&common::per_seed(
            s,
            &seeds,
            "businesses_accepting_coins_share",
            year,
            year,
        ))
    };
    let (first, seventh) = (share(&with, 1), share(&with, 7));
    assert!(
        seventh > 3.0 * first && seventh > 0.01,
        "accepting: year 1 {first:.4}, year 7 {seventh:.4}"
    );
    let mut short = without.clone();
    short.run.years = 3;
    assert!(
        share(&short, 3) < 0.003,
        "without buyers {}",
        share(&short, 3)
    );
    let mut all = with.clone();
    all.run.years = 2;
    all.coins.acceptance.businesses_decide = false;
    assert_eq!(share(&all, 2), 1.0);
}

/// The redemption fee enters a business's choice to accept coins (7.14): in example 4 a fee
/// of 30% instead of none lowers the share of businesses accepting from 0.452 to 0.442 in
/// year 3 (seeds 1 to 4, lower in each). The effect is small because the custom of the
/// case's many coin users outweighs the fee on their coins; the test checks its sign.
#[test]
fn a_redemption_fee_keeps_some_businesses_from_accepting_coins() {
    let path = format!(
        "{}/scenarios/cases/example4-neighbourhood-coin.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut free = common::parse(&std::fs::read_to_string(path).unwrap());
    free.run.years = 3;
    let mut fee = free.clone();
    fee.coins.redemption.fee_share = 0.3;
    assert_lower(&free, &fee, "businesses_accepting_coins_share");
}
