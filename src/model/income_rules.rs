//! The Dutch income rules as pure functions (issue 10, item 2): income tax with the general
//! tax credit (algemene heffingskorting) and the labour tax credit (arbeidskorting),
//! bijstand with its earnings disregard, and the two income-dependent allowances, rent
//! allowance (huurtoeslag) and health-care allowance (zorgtoeslag). [`net_income`] gives a
//! household's disposable income for given gross earnings; [`emtr`] the effective marginal
//! tax rate of a step in them. The phases pay tax, bijstand and the allowances with these
//! same functions, and the labour market's reservation wage
//! ([`super::Model::accepts_offer`]) and the indicator `effective_marginal_tax_rate` read
//! them, so that what a household gains from a job is what the model then pays it.
//!
//! Amounts are cents; the tax schedule and the allowances' income tests are annual, a
//! month's income times 12 (the model keeps no annual income). docs/ODD.md 7.16 gives every
//! default with its source. Health insurance premiums are not modelled: the health-care
//! allowance is the net transfer the household gains.

/// Income tax: a flat effective rate (format 1's rule, kept for the closed-form cases) or the
/// box-1 schedule with its two credits.
#[derive(Clone, Debug, PartialEq)]
pub enum Tax {
    /// Tax is this share of gross income (0 without taxes).
    Flat(f64),
    /// The schedule.
    Schedule(TaxSchedule),
}

/// The box-1 schedule for people below the pension age, annual amounts in cents.
#[derive(Clone, Debug, PartialEq)]
pub struct TaxSchedule {
    /// Upper limits of the brackets but the last, cents a year, increasing.
    pub bracket_limits_cents: Vec<i64>,
    /// Rate of each bracket (one more than the limits).
    pub bracket_rates: Vec<f64>,
    /// General tax credit at low incomes, cents a year.
    pub general_credit_max_cents: i64,
    /// Income above which the general credit phases out, cents a year.
    pub general_credit_phaseout_from_cents: i64,
    /// Share of income above that by which the general credit falls.
    pub general_credit_phaseout_rate: f64,
    /// The labour credit as knots (earnings, credit) in cents a year, linear between them
    /// and constant beyond the last; the first knot is (0, 0).
    pub labour_credit_knots_cents: Vec<(i64, i64)>,
}

impl TaxSchedule {
    /// Tax before credits on an annual income.
    fn gross_tax(&self, income: f64) -> f64 {
        let (mut tax, mut lower) = (0.0, 0.0);
        for (i, &rate) in self.bracket_rates.iter().enumerate() {
            let upper = self
                .bracket_limits_cents
                .get(i)
                .map_or(f64::INFINITY, |&l| l as f64);
            if income > lower {
                tax += (income.min(upper) - lower) * rate;
            }
            lower = upper;
        }
        tax
    }

    /// The general tax credit at an annual income.
    fn general_credit(&self, income: f64) -> f64 {
        let over = (income - self.general_credit_phaseout_from_cents as f64).max(0.0);
        (self.general_credit_max_cents as f64 - over * self.general_credit_phaseout_rate).max(0.0)
    }

    /// The labour tax credit at annual earnings.
    fn labour_credit(&self, earnings: f64) -> f64 {
        let k = &self.labour_credit_knots_cents;
        for w in k.windows(2) {
            let ((x0, y0), (x1, y1)) = (
                (w[0].0 as f64, w[0].1 as f64),
                (w[1].0 as f64, w[1].1 as f64),
            );
            if earnings <= x1 {
                return y0 + (y1 - y0) * (earnings - x0).max(0.0) / (x1 - x0).max(1.0);
            }
        }
        k.last().map_or(0.0, |&(_, y)| y as f64).max(0.0)
    }

    /// Annual tax after credits (never below zero: the credits are not paid out).
    pub fn tax_year(&self, income: f64, earned: bool) -> f64 {
        let credits = self.general_credit(income)
            + if earned {
                self.labour_credit(income)
            } else {
                0.0
            };
        (self.gross_tax(income) - credits).max(0.0)
    }
}

impl Tax {
    /// Tax on one person's gross monthly income, cents; `earned` for earnings (wages,
    /// owners' profit), which the labour credit lowers, not benefits.
    pub fn on_month(&self, gross_cents: i64, earned: bool) -> i64 {
        if gross_cents <= 0 {
            return 0;
        }
        match self {
            Tax::Flat(rate) => (gross_cents as f64 * rate).round() as i64,
            Tax::Schedule(s) => {
                (s.tax_year(12.0 * gross_cents as f64, earned) / 12.0).round() as i64
            }
        }
    }
}

/// Bijstand's rule: the norm minus countable income, with the earnings disregard.
#[derive(Clone, Debug, PartialEq)]
pub struct Bijstand {
    /// Norm of a single, cents a month.
    pub norm_single_cents: i64,
    /// Norm of a couple, cents a month.
    pub norm_couple_cents: i64,
    /// Share of net earnings disregarded.
    pub disregard_share: f64,
    /// Cap on the disregard, cents a month.
    pub disregard_cap_cents: i64,
    /// Months the disregard lasts.
    pub disregard_months: u32,
}

impl Bijstand {
    /// The norm of a household of `adults` adults.
    pub fn norm(&self, adults: u8) -> i64 {
        if adults >= 2 {
            self.norm_couple_cents
        } else {
            self.norm_single_cents
        }
    }

    /// The disregarded part of net earnings, when months of it are left.
    pub fn disregard(&self, earnings_net_cents: i64, months_used: u32) -> i64 {
        if earnings_net_cents <= 0 || months_used >= self.disregard_months {
            return 0;
        }
        ((earnings_net_cents as f64 * self.disregard_share).round() as i64)
            .min(self.disregard_cap_cents)
    }
}

/// Rent allowance (huurtoeslag), simplified: the rent above the base rent is covered by
/// shares that fall at the quality and capping thresholds, and the allowance is withdrawn
/// at a rate of the test income above an income-free amount.
#[derive(Clone, Debug, PartialEq)]
pub struct RentAllowance {
    /// Paid at all (`economy.allowances`).
    pub enabled: bool,
    /// Rent below which nothing is covered (basishuur at low incomes), cents a month.
    pub base_rent_cents: i64,
    /// Rent up to which the part above the base rent is covered in full, cents a month.
    pub quality_threshold_cents: i64,
    /// Capping threshold of a single, cents a month.
    pub capping_single_cents: i64,
    /// Capping threshold of a household of two or more adults, cents a month.
    pub capping_couple_cents: i64,
    /// Highest rent that gives a right to the allowance, cents a month.
    pub max_rent_cents: i64,
    /// Share covered between the quality and the capping threshold.
    pub share_to_capping: f64,
    /// Share covered above the capping threshold, for a single (0 for larger households).
    pub share_above_capping_single: f64,
    /// Annual test income below which the allowance is whole: a single's, cents.
    pub income_free_single_cents: i64,
    /// As `income_free_single_cents`, two or more adults.
    pub income_free_couple_cents: i64,
    /// Share of annual test income above the free amount withdrawn (per month, a twelfth).
    pub withdrawal_rate: f64,
    /// Assets per adult above which no allowance is paid, cents.
    pub asset_limit_per_adult_cents: i64,
}

impl RentAllowance {
    /// Monthly rent allowance of a tenant household.
    pub fn month(&self, adults: u8, rent_cents: i64, income_year_cents: f64) -> i64 {
        if !self.enabled || rent_cents > self.max_rent_cents {
            return 0;
        }
        let single = adults < 2;
        let capping = if single {
            self.capping_single_cents
        } else {
            self.capping_couple_cents
        };
        let band = |lo: i64, hi: i64| (rent_cents.min(hi) - lo).max(0) as f64;
        let above_share = if single {
            self.share_above_capping_single
        } else {
            0.0
        };
        let covered = band(self.base_rent_cents, self.quality_threshold_cents)
            + self.share_to_capping * band(self.quality_threshold_cents, capping)
            + above_share * band(capping, self.max_rent_cents);
        let free = if single {
            self.income_free_single_cents
        } else {
            self.income_free_couple_cents
        } as f64;
        let withdrawn = self.withdrawal_rate * (income_year_cents - free).max(0.0) / 12.0;
        (covered - withdrawn).max(0.0).round() as i64
    }
}

/// Health-care allowance (zorgtoeslag): whole up to an income, then withdrawn at a rate.
#[derive(Clone, Debug, PartialEq)]
pub struct HealthAllowance {
    /// Paid at all (`economy.allowances`).
    pub enabled: bool,
    /// Allowance of a single at low incomes, cents a month.
    pub max_single_cents: i64,
    /// Allowance of a household of two or more adults at low incomes, cents a month.
    pub max_couple_cents: i64,
    /// Annual test income up to which the allowance is whole, cents.
    pub income_full_cents: i64,
    /// Share of annual test income above that withdrawn (per month, a twelfth).
    pub withdrawal_rate: f64,
    /// Assets above which no allowance is paid: a single's, cents.
    pub asset_limit_single_cents: i64,
    /// As `asset_limit_single_cents`, two or more adults.
    pub asset_limit_couple_cents: i64,
}

impl HealthAllowance {
    /// Monthly health-care allowance.
    pub fn month(&self, adults: u8, income_year_cents: f64) -> i64 {
        if !self.enabled {
            return 0;
        }
        let max = if adults >= 2 {
            self.max_couple_cents
        } else {
            self.max_single_cents
        } as f64;
        let over = (income_year_cents - self.income_full_cents as f64).max(0.0);
        (max - self.withdrawal_rate * over / 12.0).max(0.0).round() as i64
    }

    /// Asset limit of a household of `adults` adults.
    fn asset_limit(&self, adults: u8) -> i64 {
        if adults >= 2 {
            self.asset_limit_couple_cents
        } else {
            self.asset_limit_single_cents
        }
    }
}

/// All the rules, resolved once ([`super::params::Params::income`]).
#[derive(Clone, Debug, PartialEq)]
pub struct IncomeRules {
    /// Income tax.
    pub tax: Tax,
    /// Bijstand (`None` without benefits).
    pub bijstand: Option<Bijstand>,
    /// Rent allowance.
    pub rent_allowance: RentAllowance,
    /// Health-care allowance.
    pub health_allowance: HealthAllowance,
}

/// A household's situation apart from the earnings whose effect is asked.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Situation {
    /// Adults (1: the single's rules; 2 or more: a couple's).
    pub adults: u8,
    /// Net income besides those earnings and the income-tested transfers (pensions,
    /// disability benefits, other members' net earnings), cents a month.
    pub other_net_cents: i64,
    /// The same income before tax (the allowances' test income), cents a month.
    pub other_gross_cents: i64,
    /// Of `other_net_cents`, net earnings (the disregard applies to them too).
    pub other_earnings_net_cents: i64,
    /// Passes bijstand's tests (a working-age member, assets within the limit).
    pub bijstand_eligible: bool,
    /// Months of the disregard already used.
    pub disregard_used: u32,
    /// Rents its home (the rent allowance is for tenants), with its rent.
    pub tenant: bool,
    /// Housing rent, cents a month.
    pub rent_cents: i64,
    /// Money the household holds (the allowances' asset tests), cents.
    pub assets_cents: i64,
}

/// A household's month, part by part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NetIncome {
    /// The earnings asked about, after tax.
    pub earnings_net_cents: i64,
    /// Bijstand.
    pub bijstand_cents: i64,
    /// Rent allowance.
    pub rent_allowance_cents: i64,
    /// Health-care allowance.
    pub health_allowance_cents: i64,
    /// Disposable income: other net income, net earnings and the three transfers.
    pub total_cents: i64,
}

/// Bijstand of a household whose countable income, before the disregard, is
/// `countable_cents` and whose net earnings are `earnings_net_cents`.
pub fn bijstand(
    b: &Bijstand,
    s: &Situation,
    countable_cents: i64,
    earnings_net_cents: i64,
) -> (i64, i64) {
    let disregard = b.disregard(earnings_net_cents, s.disregard_used);
    let benefit = (b.norm(s.adults) - (countable_cents - disregard).max(0)).max(0);
    (benefit, disregard)
}

/// The two allowances at a monthly test income (gross income plus bijstand).
pub fn allowances(r: &IncomeRules, s: &Situation, test_income_month_cents: i64) -> (i64, i64) {
    let year = 12.0 * test_income_month_cents.max(0) as f64;
    let adults = s.adults.max(1);
    let ra = &r.rent_allowance;
    let rent = if s.tenant && s.assets_cents <= ra.asset_limit_per_adult_cents * adults as i64 {
        ra.month(adults, s.rent_cents, year)
    } else {
        0
    };
    let ha = &r.health_allowance;
    let health = if s.assets_cents <= ha.asset_limit(adults) {
        ha.month(adults, year)
    } else {
        0
    };
    (rent, health)
}

/// Disposable income of household `s` when one of its members earns `gross_cents` a month
/// (taxed as that person's only earnings).
pub fn net_income(r: &IncomeRules, s: &Situation, gross_cents: i64) -> NetIncome {
    let gross = gross_cents.max(0);
    let earnings_net = gross - r.tax.on_month(gross, true);
    let before = s.other_net_cents + earnings_net;
    let bijstand_cents = match &r.bijstand {
        Some(b) if s.bijstand_eligible => {
            bijstand(b, s, before, s.other_earnings_net_cents + earnings_net).0
        }
        _ => 0,
    };
    let (rent, health) = allowances(r, s, s.other_gross_cents + gross + bijstand_cents);
    NetIncome {
        earnings_net_cents: earnings_net,
        bijstand_cents,
        rent_allowance_cents: rent,
        health_allowance_cents: health,
        total_cents: before + bijstand_cents + rent + health,
    }
}

/// Effective marginal tax rate of household `s` at gross earnings `gross_cents`: the share
/// of `step_cents` more gross earnings a month that tax and the withdrawal of bijstand and
/// the allowances take, 1 - (change in disposable income) / step.
pub fn emtr(r: &IncomeRules, s: &Situation, gross_cents: i64, step_cents: i64) -> f64 {
    let step = step_cents.max(1);
    let before = net_income(r, s, gross_cents).total_cents;
    let after = net_income(r, s, gross_cents + step).total_cents;
    1.0 - (after - before) as f64 / step as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults of the scenario format (2025 tax, 2025 norms, 2024 allowances).
    fn rules() -> IncomeRules {
        let p = crate::model::params::Params::resolve(&crate::scenario::Scenario::default());
        p.income
    }

    fn single_on_bijstand() -> Situation {
        Situation {
            adults: 1,
            bijstand_eligible: true,
            tenant: true,
            rent_cents: 70_000,
            assets_cents: 100_000,
            ..Situation::default()
        }
    }

    /// Worked examples of the 2025 schedule (fiscalert, brink-hoek, rekenbuddy; ODD 7.16):
    /// at the full-time minimum wage (EUR 2,069.40 a month, EUR 24,833 a year) box-1 tax is
    /// 35.82% = 8,895, the general credit whole (3,068) and the labour credit
    /// 980 + (24,833 - 12,849) x (5,220 - 980) / (27,755 - 12,849) = 4,389: EUR 1,438 a year.
    #[test]
    fn tax_at_the_minimum_wage_matches_the_hand_computation() {
        let Tax::Schedule(s) = &rules().tax else {
            panic!("the default is the schedule");
        };
        let y = 2_483_280.0;
        let expected =
            0.3582 * y - 306_800.0 - (98_000.0 + (y - 1_284_900.0) * 424_000.0 / 1_490_600.0);
        assert!((s.tax_year(y, true) - expected).abs() < 1.0);
        assert!(
            (expected / 100.0 - 1438.0).abs() < 2.0,
            "{}",
            expected / 100.0
        );
        // No labour credit on a benefit: the general credit alone.
        assert!((s.tax_year(y, false) - (0.3582 * y - 306_800.0)).abs() < 1.0);
        // Low earnings pay nothing (credits are not paid out).
        assert_eq!(rules().tax.on_month(50_000, true), 0);
        // The top bracket: above EUR 129,077 (no credit left) the rate is 49.5%.
        let (a, b) = (
            s.tax_year(15_000_000.0, true),
            s.tax_year(15_010_000.0, true),
        );
        assert!(((b - a) / 10_000.0 - 0.495).abs() < 1e-9);
    }

    /// A single on bijstand who takes a 12-hour-a-week job at the minimum wage
    /// (EUR 13.27 x 12 x 52 / 12 = EUR 690 a month): the earnings pay no tax, bijstand
    /// falls by all but the disregard (25%, capped at EUR 269), so the household gains
    /// EUR 172.50 a month for six months and nothing after, and loses 75 (then 100) cents of
    /// each extra euro: the armoedeval (Vers Beton: "elke euro ... verrekend").
    #[test]
    fn a_small_job_from_bijstand_gains_the_disregard_only() {
        let r = rules();
        let s = single_on_bijstand();
        let gross = 69_004;
        let out = net_income(&r, &s, 0);
        let work = net_income(&r, &s, gross);
        assert_eq!(out.bijstand_cents, 134_545);
        assert_eq!(work.earnings_net_cents, gross);
        assert_eq!(work.total_cents - out.total_cents, 17_251);
        assert!((emtr(&r, &s, gross, 10_000) - 0.75).abs() < 0.01);
        let late = Situation {
            disregard_used: 6,
            ..s
        };
        assert_eq!(
            net_income(&r, &late, gross).total_cents,
            net_income(&r, &late, 0).total_cents
        );
        assert!((emtr(&r, &late, gross, 10_000) - 1.0).abs() < 1e-9);
        // The allowances do not move: bijstand tops the test income up to the norm.
        assert_eq!(out.rent_allowance_cents, work.rent_allowance_cents);
    }

    /// Above the norm, bijstand is gone and the allowances taper: income tax (35.82% less
    /// the labour credit's phase-in), huurtoeslag (26%) and, above EUR 26,500, zorgtoeslag
    /// (13.5%) together take a third to more than half of an extra euro of a low earner, and
    /// about 80% where the general credit phases out too (SZW/CPB "marginale druk": above
    /// 50% for low earners with allowances).
    #[test]
    fn a_low_earner_with_allowances_loses_a_third_to_four_fifths_of_an_extra_euro() {
        let r = rules();
        let s = Situation {
            bijstand_eligible: false,
            ..single_on_bijstand()
        };
        // 0.3582 - 0.2845 + 0.26 = 0.334 at the minimum wage (EUR 24,833 a year).
        let m = emtr(&r, &s, 206_940, 10_000);
        assert!((0.3..0.4).contains(&m), "{m}");
        // 0.334 + 0.135 = 0.469 at EUR 26,520, zorgtoeslag tapering.
        let m = emtr(&r, &s, 221_000, 10_000);
        assert!((0.44..0.5).contains(&m), "{m}");
        // 0.3582 - 0.0247 + 0.0634 + 0.26 + 0.135 = 0.79 at EUR 29,400.
        let m = emtr(&r, &s, 245_000, 10_000);
        assert!((0.75..0.83).contains(&m), "{m}");
        let ni = net_income(&r, &s, 206_940);
        assert!(ni.rent_allowance_cents > 0 && ni.health_allowance_cents > 0);
        // Far above: no allowance, the bracket rate less the labour credit's phase-out.
        let rich = net_income(&r, &s, 600_000);
        assert_eq!(
            (rich.rent_allowance_cents, rich.health_allowance_cents),
            (0, 0)
        );
    }

    /// The allowances at their sourced anchors: a single at rent EUR 454.47 keeps some
    /// huurtoeslag up to an income of EUR 31,625 (SH Noordwijk) and zorgtoeslag is EUR 123
    /// below EUR 26,500 and gone at about EUR 37,496 (Zorgwijzer).
    #[test]
    fn the_allowances_end_where_the_sources_say() {
        let r = rules();
        let ra = &r.rent_allowance;
        assert!(ra.month(1, 45_447, 3_150_000.0) > 0);
        assert!(ra.month(1, 45_447, 3_180_000.0) == 0);
        assert_eq!(ra.month(1, 90_000, 0.0), 0, "above the maximum rent");
        let ha = &r.health_allowance;
        assert_eq!(ha.month(1, 2_000_000.0), 12_300);
        assert!(ha.month(1, 3_700_000.0) > 0);
        assert_eq!(ha.month(1, 3_780_000.0), 0);
    }

    #[test]
    fn a_flat_tax_is_the_rate() {
        assert_eq!(Tax::Flat(0.15).on_month(100_000, true), 15_000);
        assert_eq!(Tax::Flat(0.0).on_month(100_000, true), 0);
    }
}
