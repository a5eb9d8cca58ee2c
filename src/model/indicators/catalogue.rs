//! The indicator catalogue: one entry per indicator with its stable name, unit, period
//! rule, Dutch and English label, one line of documentation and where its value comes
//! from. Every output column, report row and workshop panel reads its words from here;
//! nothing else spells an indicator's label.
//!
//! The labels are written for a municipal council memo: plain words, no column names. They
//! start in lower case so that a sentence can use them ("de werkloosheid daalt"); a table or
//! a chart title capitalises the first letter. The unit is not part of a label: a report
//! adds it from [`Unit::display_suffix`].
//!
//! The flow matrix's rows and columns (ledger purposes and sectors) are labelled here too,
//! so that a report never shows a Dutch reader `opening balance`.

use crate::model::ledger::{Purpose, Sector};

/// The language of a report or a label.
///
/// Plain data, so that the model knows nothing of the command line: `cli` makes it a
/// command-line value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Every language, Dutch first (the default).
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The ISO 639-1 code, as in `--lang nl` and `<html lang="nl">`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// Looks a language up by its code.
    pub fn from_code(code: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// How an indicator's value is measured; decides the decimals in tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A share between 0 and 1.
    Share,
    /// A count of agents or events.
    Count,
    /// Euros.
    Eur,
    /// A dimensionless ratio.
    Ratio,
    /// Hours.
    Hours,
    /// Coins (whole units of the social coin).
    Coin,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 6] = [
        Unit::Share,
        Unit::Count,
        Unit::Eur,
        Unit::Ratio,
        Unit::Hours,
        Unit::Coin,
    ];

    /// The unit's stable name, as in the `unit` column of `timeseries.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Share => "share",
            Unit::Count => "count",
            Unit::Eur => "eur",
            Unit::Ratio => "ratio",
            Unit::Hours => "hours",
            Unit::Coin => "coin",
        }
    }

    /// The factor from a stored value to the value a reader sees: a share (0 to 1) reads
    /// as a percentage. Output tables keep the stored value.
    pub fn display_scale(self) -> f64 {
        match self {
            Unit::Share => 100.0,
            Unit::Count | Unit::Eur | Unit::Ratio | Unit::Hours | Unit::Coin => 1.0,
        }
    }

    /// Decimals a reader sees, after [`Unit::display_scale`]: percentages to a hundredth
    /// of a point, euros whole, averaged counts to a tenth.
    pub fn display_decimals(self) -> usize {
        match self {
            Unit::Share => 2,
            Unit::Count => 1,
            Unit::Eur | Unit::Hours | Unit::Coin => 0,
            Unit::Ratio => 3,
        }
    }

    /// The unit as a report writes it after a label, in brackets; empty where the label
    /// already says it (hours, coins) or there is none (counts, ratios).
    pub fn display_suffix(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Unit::Share, _) => "%",
            (Unit::Eur, Lang::Nl) => "euro",
            (Unit::Eur, Lang::En) => "euros",
            (Unit::Count | Unit::Ratio | Unit::Hours | Unit::Coin, _) => "",
        }
    }
}

/// Which direction of an indicator's change is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// A rise is better (jobs, turnover, the local multiplier).
    Higher,
    /// A fall is better (unemployment, leakage, poverty, costs).
    Lower,
    /// Neither: a flow or a state whose good direction depends on the view (benefits paid,
    /// coins issued, the money stock).
    Neither,
}

impl Better {
    /// The stable name in tables: `higher`, `lower` or `neither`.
    pub fn name(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neither => "neither",
        }
    }
}

/// How a period's value is made from its months: the period rule of an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodRule {
    /// The value at the period's last tick: a stock.
    EndOfPeriod,
    /// The mean of the monthly values: a state.
    MeanOfMonths,
    /// The sum of the monthly values: events and flows.
    SumOfMonths,
    /// A ratio of two states, each the mean of its monthly values (not the mean of the
    /// monthly ratios).
    RatioOfMeans,
    /// A ratio of flows, each summed over the period (not the mean of the monthly ratios).
    RatioOfSums,
    /// Spending summed over the period over the money held, averaged over its months;
    /// annualised (times 12 over the months of the period).
    SumOverMeanStock,
    /// Computed on each household's income summed over the period.
    IncomeOverPeriod,
}

impl PeriodRule {
    /// One line saying the rule, for documentation.
    pub fn describe(self) -> &'static str {
        match self {
            PeriodRule::EndOfPeriod => "value at the period's last tick",
            PeriodRule::MeanOfMonths => "mean of the period's months",
            PeriodRule::SumOfMonths => "sum over the period's months",
            PeriodRule::RatioOfMeans => "ratio of the means over the period's months",
            PeriodRule::RatioOfSums => "ratio of the flows summed over the period",
            PeriodRule::SumOverMeanStock => {
                "spending summed over the period over mean holdings, per year"
            }
            PeriodRule::IncomeOverPeriod => "over household income summed over the period",
        }
    }
}

macro_rules! catalogue {
    ($($variant:ident {
        name: $name:literal,
        unit: $unit:ident,
        rule: $rule:ident,
        better: $better:ident,
        nl: $nl:literal,
        en: $en:literal,
        doc: $doc:literal,
        source: $source:literal $(,)?
    })*) => {
        /// Every indicator, in output order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Indicator {
            $(#[doc = $doc] $variant,)*
        }

        impl Indicator {
            /// All indicators in output order.
            pub const ALL: &'static [Indicator] = &[$(Indicator::$variant,)*];

            /// The stable column value used in output tables (units last).
            pub fn name(self) -> &'static str {
                match self { $(Indicator::$variant => $name,)* }
            }

            /// The unit.
            pub fn unit(self) -> Unit {
                match self { $(Indicator::$variant => Unit::$unit,)* }
            }

            /// How a quarter's or a year's value is made from its months.
            pub fn rule(self) -> PeriodRule {
                match self { $(Indicator::$variant => PeriodRule::$rule,)* }
            }

            /// Which direction of change is better (for the wijk's residents and the public
            /// purse, as the policy documents frame it), or neither when that depends on
            /// whose view is taken.
            pub fn better(self) -> Better {
                match self { $(Indicator::$variant => Better::$better,)* }
            }

            /// One line of documentation.
            pub fn doc(self) -> &'static str {
                match self { $(Indicator::$variant => $doc,)* }
            }

            /// Where the value comes from: the ledger flows, world states or counters it
            /// reads (see `src/model/indicators.rs`, `compute`).
            pub fn source(self) -> &'static str {
                match self { $(Indicator::$variant => $source,)* }
            }

            /// The label a reader sees, in lower case and without the unit.
            pub fn label(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Nl => match self { $(Indicator::$variant => $nl,)* },
                    Lang::En => match self { $(Indicator::$variant => $en,)* },
                }
            }

            /// Looks an indicator up by its name.
            pub fn from_name(name: &str) -> Option<Indicator> {
                Self::ALL.iter().copied().find(|i| i.name() == name)
            }
        }
    };
}

impl Indicator {
    /// The label with its unit in brackets, capitalised, as a chart title or a table row
    /// shows it: "Werkloosheid (%)", "Omzet lokale ondernemers (euro)".
    pub fn heading(self, lang: Lang) -> String {
        let label = capitalise(self.label(lang));
        match self.unit().display_suffix(lang) {
            "" => label,
            suffix => format!("{label} ({suffix})"),
        }
    }
}

/// `text` with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

catalogue! {
    ResidentsCount {
        name: "residents_count", unit: Count, rule: EndOfPeriod, better: Neither,
        nl: "inwoners", en: "residents",
        doc: "Residents, children included (end of period).",
        source: "World state: residents living in the area, counted at the period's last tick.",
    }
    UnemploymentRate {
        name: "unemployment_rate", unit: Share, rule: RatioOfMeans, better: Lower,
        nl: "werkloosheid", en: "unemployment rate",
        doc: "Unemployed residents over the labour force (employed, employed outside, unemployed); monthly average.",
        source: "World state each month: residents with status `Unemployed` over the labour force (`Employed`, `EmployedOutside`, `AgreementJob`, `Unemployed`).",
    }
    HouseholdsOnBenefitsShare {
        name: "households_on_benefits_share", unit: Share, rule: RatioOfMeans, better: Lower,
        nl: "huishoudens in de bijstand", en: "households on social assistance",
        doc: "Share of households receiving bijstand; monthly average.",
        source: "World state each month: households receiving bijstand over all households of the area.",
    }
    HouseholdsOnAnyBenefitShare {
        name: "households_on_any_benefit_share", unit: Share, rule: RatioOfMeans, better: Lower,
        nl: "huishoudens met een uitkering", en: "households on any benefit",
        doc: "Share of households receiving bijstand or with a member on unemployment insurance (WW) or a disability benefit (pensions not counted); over a period, the ratio of the monthly averages.",
        source: "World state each month: households on benefit, or with a member paid WW this month or unable to work and covered by a disability benefit, over households.",
    }
    BijstandShare18ToPension {
        name: "bijstand_share_18_to_pension", unit: Share, rule: RatioOfMeans, better: Lower,
        nl: "aandeel 18 jaar tot AOW in de bijstand", en: "aged 18 to pension age on bijstand",
        doc: "Share of the persons aged 18 to the pension age who live in a household receiving bijstand (partners included); over a period, the ratio of the monthly averages. CBS's figure (3.6% nationally, 4.7 to 5.6% in the big-city regions, 2022) is of this age group.",
        source: "World state each month: residents aged 18 to `behaviour.pension_age_years` whose household is on benefit, over all residents of that age.",
    }
    WorkingResidentsCount {
        name: "working_residents_count", unit: Count, rule: MeanOfMonths, better: Higher,
        nl: "werkende inwoners", en: "working residents",
        doc: "Residents with a job in the city or outside; monthly average.",
        source: "World state each month: residents with status `Employed` (owners included), `EmployedOutside` or `AgreementJob`, by place of residence.",
    }
    JobsInNeighbourhoodCount {
        name: "jobs_in_neighbourhood_count", unit: Count, rule: MeanOfMonths, better: Higher,
        nl: "banen in de wijk", en: "jobs in the neighbourhood",
        doc: "Jobs located in the neighbourhood: owners, resident and commuting employees; monthly average.",
        source: "World state each month: owner, resident and commuting staff of the area's active businesses, plus the agreement jobs (lever 8) whose `to` is the area.",
    }
    JobsPerWorkingResident {
        name: "jobs_per_working_resident", unit: Ratio, rule: RatioOfMeans, better: Neither,
        nl: "woon-werkbalans (banen per werkende inwoner)", en: "jobs per working resident",
        doc: "Woon/werkbalans: jobs located in the neighbourhood over working residents.",
        source: "World state each month: `jobs_in_neighbourhood_count` over `working_residents_count`.",
    }
    LocalJobsHeldByResidentsShare {
        name: "local_jobs_held_by_residents_share", unit: Share, rule: RatioOfMeans, better: Higher,
        nl: "aandeel lokale banen bij bewoners", en: "local jobs held by residents",
        doc: "Share of the employees of the area's businesses (owners not counted) who live in the city; over a period, the ratio of the monthly averages.",
        source: "World state each month: resident staff over resident plus commuting staff of the area's active businesses.",
    }
    ResidentsEmployedInOwnNeighbourhoodShare {
        name: "residents_employed_in_own_neighbourhood_share", unit: Share, rule: RatioOfMeans, better: Higher,
        nl: "aandeel werknemers dat in eigen wijk werkt", en: "employees working in their own wijk",
        doc: "Share of the area's working residents paid a wage (owners of local businesses not counted) whose employer is a business of their own neighbourhood; over a period, the ratio of the monthly averages. The city's row is the share working in their own wijk, not in the city.",
        source: "World state each month: residents employed by a business of their own neighbourhood over residents employed for a wage (locally, outside, or under an agreement).",
    }
    ResidentsInTrainingCount {
        name: "residents_in_training_count", unit: Count, rule: MeanOfMonths, better: Neither,
        nl: "inwoners in opleiding", en: "residents in training",
        doc: "Residents in training; monthly average.",
        source: "World state each month: residents with status `Training`.",
    }
    BusinessesActiveCount {
        name: "businesses_active_count", unit: Count, rule: EndOfPeriod, better: Higher,
        nl: "actieve bedrijven", en: "active businesses",
        doc: "Trading businesses at the end of the period.",
        source: "World state: the area's trading businesses at the period's last tick.",
    }
    BusinessFailuresCount {
        name: "business_failures_count", unit: Count, rule: SumOfMonths, better: Lower,
        nl: "omgevallen bedrijven", en: "business failures",
        doc: "Businesses that failed in the period: could not pay their bills, or the owner gave up on too low an expected profit.",
        source: "Counter `TickCounters::failures`: businesses closed when their months in arrears reached `months_in_arrears_before_failure`.",
    }
    BusinessClosuresCount {
        name: "business_closures_count", unit: Count, rule: SumOfMonths, better: Lower,
        nl: "bedrijven gesloten bij pensioen", en: "businesses closed on retirement",
        doc: "Businesses closed because the owner retired, in the period.",
        source: "Counter `TickCounters::closures`: businesses closed because the owner retired and nobody took over.",
    }
    BusinessStopsCount {
        name: "business_stops_count", unit: Count, rule: SumOfMonths, better: Neither,
        nl: "bedrijven gestopt om andere redenen", en: "businesses stopped for other reasons",
        doc: "Businesses whose owner stopped them in the period for reasons the model does not follow (a job offer, a move, a change of plans), at `behaviour.owner_stop_probability_per_month`; with failures and closures, the exits CBS counts.",
        source: "Counter `TickCounters::stops`: trading businesses with an owner closed by the monthly draw of phase 11.",
    }
    BusinessStartsCount {
        name: "business_starts_count", unit: Count, rule: SumOfMonths, better: Higher,
        nl: "nieuwe bedrijven", en: "business starts",
        doc: "Businesses started in the period.",
        source: "Counter `TickCounters::starts`: successful business starts.",
    }
    BusinessTurnoverEur {
        name: "business_turnover_eur", unit: Eur, rule: SumOfMonths, better: Higher,
        nl: "omzet lokale ondernemers", en: "turnover of local businesses",
        doc: "Sales of local businesses to households, other businesses, associations, the municipality (contracts) and outside customers; sales paid in coins count at the coin's euro value.",
        source: "Ledger: euros received by businesses for `consumption`, `supplies`, `procurement`, `association_spending` and `outside_sales`, plus coins received for `consumption` and `supplies` at `coins.value_eur`.",
    }
    HouseholdConsumptionEur {
        name: "household_consumption_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "bestedingen van huishoudens", en: "household consumption",
        doc: "Household consumption, local and outside.",
        source: "Ledger: euros paid by households for `consumption`, to any counterparty.",
    }
    HouseholdLocalSpendingShare {
        name: "household_local_spending_share", unit: Share, rule: RatioOfSums, better: Higher,
        nl: "aandeel van de huishoudensbestedingen in de wijk", en: "local share of household spending",
        doc: "Share of households' purchases at shops (in euros and coins, coins at their euro value) made at local businesses.",
        source: "Ledger: `consumption` paid by households to businesses of the area (for the city, of any of its neighbourhoods), over all `consumption` they paid, both currencies.",
    }
    RealConsumptionEur {
        name: "real_consumption_eur", unit: Eur, rule: SumOfMonths, better: Higher,
        nl: "consumptie tegen beginprijzen", en: "consumption at the prices of the start",
        doc: "What households got for their purchases at shops, valued at the prices of the start: each purchase at a local shop (euros, coins and the coin discount) divided by that shop's price, purchases outside divided by `outside.price_level`. Beside `household_consumption_eur` it shows what higher or lower prices do to what households get for their money.",
        source: "Counter `TickCounters::real_consumption_cents`: per purchase, the goods at the price paid over the shop's price index (local shops' `price`, outside shops' `outside.price_level`).",
    }
    LocalPriceIndex {
        name: "local_price_index", unit: Ratio, rule: RatioOfSums, better: Lower,
        nl: "prijsniveau lokale winkels", en: "price level of local shops",
        doc: "The price level of the local shops where households bought, relative to the start (1 = the prices at the start, which are also the outside shops' level by default): their purchases at the prices paid over the same purchases at the prices of the start.",
        source: "Counters `TickCounters::local_goods_cents` over `TickCounters::local_real_cents`.",
    }
    MoneyStockEur {
        name: "money_stock_eur", unit: Eur, rule: EndOfPeriod, better: Neither,
        nl: "geldvoorraad", en: "money stock",
        doc: "Euros held by households, businesses and associations (end of period).",
        source: "Ledger balances: euros of the area's households, business slots and associations at the period's last tick.",
    }
    VelocityEurPerYear {
        name: "velocity_eur_per_year", unit: Ratio, rule: SumOverMeanStock, better: Neither,
        nl: "omloopsnelheid van de euro", en: "velocity of the euro",
        doc: "Transactions velocity: spending by households, businesses and associations (purchases, wages, profit, rent, fees) over their average euro holdings (mean of mid-month and month-end holdings), per year; defined as coin_velocity_per_year.",
        source: "Ledger: euros paid for spending purposes (`Purpose::is_spending`) by households, businesses and associations, over their euro balances averaged over the month-ends and counter `TickCounters::euros_held_mid`, times 12 over the period's months.",
    }
    IncomeVelocityEurPerYear {
        name: "income_velocity_eur_per_year", unit: Ratio, rule: SumOverMeanStock, better: Neither,
        nl: "inkomensomloopsnelheid van de euro", en: "income velocity of the euro",
        doc: "Households' final purchases (consumption, housing rent, membership fees, services of residents) paid in euros, over the same average euro holdings, per year.",
        source: "Ledger: euros paid by households for `consumption`, `housing_rent`, `membership_fee` and `resident_services`, over the denominator of `velocity_eur_per_year`, times 12 over the period's months.",
    }
    LeakageShare {
        name: "leakage_share", unit: Share, rule: RatioOfSums, better: Lower,
        nl: "weglek van bestedingen", en: "leakage of spending",
        doc: "Share of that spending paid to accounts outside the neighbourhood (for the city: outside the city).",
        source: "Ledger: 1 minus the euro spending of households, businesses and associations paid within the area (for the city: to any neighbourhood) over all their euro spending.",
    }
    Lm3 {
        name: "lm3", unit: Ratio, rule: RatioOfSums, better: Higher,
        nl: "lokale multiplier (LM3)", en: "local multiplier (LM3)",
        doc: "Local multiplier over three rounds: 1 + s_b + s_b * s_r (see docs/ODD.md).",
        source: "1 + `business_local_spending_share` + `business_local_spending_share` times `respending_local_share`.",
    }
    Lm3Contract {
        name: "lm3_contract", unit: Ratio, rule: RatioOfSums, better: Higher,
        nl: "lokale multiplier van gemeentelijke opdrachten", en: "local multiplier of municipal contracts",
        doc: "NEF's LM3 of the municipality's contracts: 1 + q + q * s_b, q the share of the contract money paid to businesses of the area, s_b their local spending share (0 without contracts). Wages outside contractors pay residents under a quota are not counted in round 2.",
        source: "Ledger: `procurement` received by the area's businesses over all contract money (the same plus counter `TickCounters::procurement_outside_cents`), and `business_local_spending_share`.",
    }
    Lm3Coin {
        name: "lm3_coin", unit: Ratio, rule: RatioOfSums, better: Higher,
        nl: "lokale multiplier van de munt", en: "local multiplier of the coin",
        doc: "NEF's LM3 of the coins households spend: 1 + q + q * (pi + (1 - pi) * s_b), q the share of them paid to agents of the area, pi the share of coins businesses receive that they pass on (`coins_passed_on_share`), s_b the local share of what businesses spend (the redeemed coins' euros); 0 when no coin is spent.",
        source: "Ledger: coins households paid for final purchases (consumption, housing rent, membership fees, resident services) to agents of the area over all they paid, `coins_passed_on_share` and `business_local_spending_share`.",
    }
    BusinessLocalSpendingShare {
        name: "business_local_spending_share", unit: Share, rule: RatioOfSums, better: Higher,
        nl: "lokaal besteed deel van bedrijfsuitgaven", en: "local share of business spending",
        doc: "s_b of LM3: the share of local businesses' spending (wages, supplies, rent, profit; euros and coins at their euro value) paid to agents of the neighbourhood (for the city: of the city).",
        source: "Ledger: euros and coins (at `coins.value_eur`) paid by businesses for spending purposes to agents of the area, over all their spending.",
    }
    RespendingLocalShare {
        name: "respending_local_share", unit: Share, rule: RatioOfSums, better: Higher,
        nl: "lokaal besteed deel van herbestedingen", en: "local share of respending",
        doc: "s_r of LM3: the local share of round 2's respending, followed by its recipients: households paid wages and profit respend their local share, businesses paid for supplies respend s_b (see docs/ODD.md).",
        source: "Ledger: (W s_h + S s_b) / (W + S), W the wages and profit and S the supplies businesses paid within the area, s_h households' local share of their spending; euros and coins at `coins.value_eur`.",
    }
    BenefitsEur {
        name: "benefits_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "uitgekeerde bijstand", en: "social assistance paid",
        doc: "Bijstand paid by the municipality.",
        source: "Ledger: euros received by households for `benefit` (with the bonuses of levers 1 and 9, net of lever 1's sanctions).",
    }
    IncomeTaxEur {
        name: "income_tax_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "inkomstenbelasting", en: "income tax",
        doc: "Income tax paid by households (to the national government).",
        source: "Ledger: euros paid by households for `income_tax`.",
    }
    MunicipalTaxEur {
        name: "municipal_tax_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "gemeentelijke belastingen", en: "municipal taxes",
        doc: "Local taxes paid by households to the municipality.",
        source: "Ledger: euros paid by households for `municipal_tax`.",
    }
    SubsidiesEur {
        name: "subsidies_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "subsidies aan verenigingen", en: "subsidies to associations",
        doc: "Municipal subsidies to associations.",
        source: "Ledger: euros received by associations for `subsidy`.",
    }
    ProcurementEur {
        name: "procurement_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "gemeentelijke opdrachten", en: "municipal contracts",
        doc: "Municipal contract payments for the neighbourhood, local or outside.",
        source: "Ledger: euros received by businesses for `procurement`, plus counter `TickCounters::procurement_outside_cents` (contracts paid to firms outside the city).",
    }
    NationalTransferEur {
        name: "national_transfer_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "bijdrage uit het gemeentefonds", en: "municipal fund received",
        doc: "Municipal fund received for the neighbourhood's residents.",
        source: "Counter `TickCounters::national_transfer_cents`: the municipal fund paid for the area's residents.",
    }
    MunicipalNetCostEur {
        name: "municipal_net_cost_eur", unit: Eur, rule: SumOfMonths, better: Lower,
        nl: "nettokosten gemeente", en: "net cost to the municipality",
        doc: "Benefits + subsidies + contracts + coin scheme + agreement wages + campaign + training fees - local taxes - national transfers.",
        source: "`benefits_eur` + `subsidies_eur` + `procurement_eur` + the municipal cost counters (`coin_scheme_cost_cents`, `agreement_wages_cents`, `campaign_cents`, `training_cost_cents`) - `municipal_tax_eur` - `national_transfer_eur`.",
    }
    GiniWealth {
        name: "gini_wealth", unit: Ratio, rule: EndOfPeriod, better: Lower,
        nl: "ongelijkheid in vermogen (Gini)", en: "wealth inequality (Gini)",
        doc: "Gini coefficient of household euro balances (end of period).",
        source: "Ledger balances: Gini coefficient of the euro balances of the area's households at the period's last tick.",
    }
    GiniIncome {
        name: "gini_income", unit: Ratio, rule: IncomeOverPeriod, better: Lower,
        nl: "ongelijkheid in inkomen (Gini)", en: "income inequality (Gini)",
        doc: "Gini coefficient of equivalised household disposable income over the period.",
        source: "World state: Gini coefficient of each household's equivalised disposable income summed over the period (negative values as 0).",
    }
    PovertyRate {
        name: "poverty_rate", unit: Share, rule: IncomeOverPeriod, better: Lower,
        nl: "huishoudens in armoede", en: "households in poverty",
        doc: "Share of households with equivalised income below 60% of the city median.",
        source: "World state: households whose equivalised disposable income summed over the period is below 60% of the city's median, over the area's households.",
    }
    LowIncomeRate {
        name: "low_income_rate", unit: Share, rule: IncomeOverPeriod, better: Lower,
        nl: "huishoudens met een laag inkomen", en: "households on a low income",
        doc: "Share of households with equivalised income below the statistics office's fixed low-income line.",
        source: "World state: households whose equivalised disposable income summed over the period is below `national.low_income_line_eur_per_month` times the period's months (CBS's lage-inkomensgrens, a fixed line of purchasing power), over the area's households.",
    }
    VolunteerHours {
        name: "volunteer_hours", unit: Hours, rule: SumOfMonths, better: Higher,
        nl: "vrijwilligersuren", en: "volunteer hours",
        doc: "Hours volunteered at associations in the period.",
        source: "Counter `TickCounters::volunteer_hours`: hours at associations, and in public space by non-members under lever 1.",
    }
    TrainingHours {
        name: "training_hours", unit: Hours, rule: SumOfMonths, better: Neither,
        nl: "opleidingsuren", en: "training hours",
        doc: "Hours of training in the period (residents in training times `behaviour.training_hours_per_month`).",
        source: "World state each month: residents with status `Training` times `behaviour.training_hours_per_month`.",
    }
    YouthUnemploymentRate {
        name: "youth_unemployment_rate", unit: Share, rule: RatioOfMeans, better: Lower,
        nl: "jeugdwerkloosheid", en: "youth unemployment rate",
        doc: "Unemployment rate of residents aged 18 to the youth contract's maximum age (27 by default); monthly average.",
        source: "World state each month: as `unemployment_rate`, for residents aged 18 to `levers.youth_contract.max_age_years`.",
    }
    AgreementJobsCount {
        name: "agreement_jobs_count", unit: Count, rule: MeanOfMonths, better: Neither,
        nl: "banen via afspraken tussen wijken", en: "jobs under agreements between neighbourhoods",
        doc: "Residents of the area holding a job under an agreement between neighbourhoods (lever 8); monthly average.",
        source: "World state each month: residents with status `AgreementJob`, by place of residence (the agreement's `from`).",
    }
    AgreementWagesEur {
        name: "agreement_wages_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "lonen van banen via afspraken tussen wijken", en: "wages of agreement jobs",
        doc: "Wages the municipality paid for agreement jobs held by residents of the area.",
        source: "Counter `TickCounters::agreement_wages_cents`: gross agreement wages paid to residents of the area.",
    }
    HouseholdsSanctionedCount {
        name: "households_sanctioned_count", unit: Count, rule: SumOfMonths, better: Lower,
        nl: "kortingen op de bijstand (te weinig munten)", en: "benefit cuts (too few coins earned)",
        doc: "Benefit payments cut because too few coins were earned (lever 1), summed over the months.",
        source: "Counter `TickCounters::sanctions`: benefit payments cut by lever 1's sanction (a household cut in three months counts three times).",
    }
    CoinsIssuedCount {
        name: "coins_issued_count", unit: Coin, rule: SumOfMonths, better: Neither,
        nl: "uitgegeven munten", en: "coins issued",
        doc: "Coins created: issued for volunteering, training and paid work, and bought with euros.",
        source: "Ledger: coins received by households for `coin_issuance` and `coin_purchase`.",
    }
    CoinsRedeemedCount {
        name: "coins_redeemed_count", unit: Coin, rule: SumOfMonths, better: Neither,
        nl: "ingewisselde munten", en: "coins redeemed",
        doc: "Coins changed back into euros by businesses and associations.",
        source: "Ledger: coins paid for `coin_redemption` by households, businesses and associations.",
    }
    CoinsDemurrageCount {
        name: "coins_demurrage_count", unit: Coin, rule: SumOfMonths, better: Neither,
        nl: "munten vervallen door demurrage", en: "coins lost to demurrage",
        doc: "Coins charged by demurrage.",
        source: "Ledger: coins paid for `demurrage` by households, businesses and associations.",
    }
    CoinsExpiredCount {
        name: "coins_expired_count", unit: Coin, rule: SumOfMonths, better: Neither,
        nl: "vervallen munten", en: "coins expired",
        doc: "Coins that expired at the yearly expiry date, and coins paid as the stamp to renew the rest.",
        source: "Ledger: coins paid for `coin_expiry` by households, businesses and associations.",
    }
    CoinsInCirculationCount {
        name: "coins_in_circulation_count", unit: Coin, rule: EndOfPeriod, better: Neither,
        nl: "munten in omloop", en: "coins in circulation",
        doc: "Coins held by households, businesses and associations (end of period).",
        source: "Ledger balances: coins of the area's households, businesses and associations at the period's last tick.",
    }
    HouseholdsBuyingCoinsShare {
        name: "households_buying_coins_share", unit: Share, rule: RatioOfMeans, better: Neither,
        nl: "aandeel huishoudens dat munten koopt", en: "share of households buying coins",
        doc: "Share of the area's households that bought coins with euros in a month; monthly average.",
        source: "Counter `TickCounters::coin_buyers` (households whose purchase of coins this month was at least one coin), over the households of the area.",
    }
    BusinessesAcceptingCoinsShare {
        name: "businesses_accepting_coins_share", unit: Share, rule: RatioOfMeans, better: Neither,
        nl: "aandeel bedrijven dat munten aanneemt", en: "share of businesses accepting coins",
        doc: "Share of the area's active businesses that accept coins from customers and other businesses; monthly average. With `coins.acceptance.businesses_decide` each business decides at its price reviews (docs/ODD.md 7.14).",
        source: "World state: active businesses whose `accepts_coins` is set, over the active businesses, at each month's end.",
    }
    CoinsPassedOnShare {
        name: "coins_passed_on_share", unit: Share, rule: RatioOfSums, better: Neither,
        nl: "aandeel munten dat bedrijven doorgeven", en: "share of coins businesses pass on",
        doc: "Share of the coins local businesses received (sales to households and businesses) that they did not redeem: passed on to suppliers and owners, or still held.",
        source: "Ledger: coins received by businesses for `consumption` and `supplies`, less the coins businesses paid for `coin_redemption`, over the coins received.",
    }
    ResidentServicesHours {
        name: "resident_services_hours", unit: Hours, rule: SumOfMonths, better: Higher,
        nl: "uren hulp tussen bewoners", en: "hours of help between residents",
        doc: "Hours of informal services (help, childminding, repairs) the area's residents gave each other for coins (lever 4 with `rule: Services`).",
        source: "Counter `TickCounters::service_hours`: `hours_per_service` for each service paid, in the neighbourhood where it was given.",
    }
    ResidentServicesEur {
        name: "resident_services_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "waarde van hulp tussen bewoners", en: "value of help between residents",
        doc: "The coins paid for those services, at the coin's euro value.",
        source: "Counter `TickCounters::service_cents`: the price of each service paid, times `coins.value_eur`.",
    }
    CoinVelocityPerYear {
        name: "coin_velocity_per_year", unit: Ratio, rule: SumOverMeanStock, better: Neither,
        nl: "omloopsnelheid van de munt", en: "velocity of the coin",
        doc: "Transactions velocity: coin spending (shops, fees, supplies, services between residents) over average coin holdings (mean of mid-month and month-end holdings), per year; defined as velocity_eur_per_year.",
        source: "Ledger: coins paid for spending purposes by households, businesses and associations, over their coin balances averaged over the month-ends and counter `TickCounters::coins_held_mid`, times 12 over the period's months.",
    }
    CoinIncomeVelocityPerYear {
        name: "coin_income_velocity_per_year", unit: Ratio, rule: SumOverMeanStock, better: Neither,
        nl: "inkomensomloopsnelheid van de munt", en: "income velocity of the coin",
        doc: "Households' final purchases paid in coins (shops, fees, services of residents), over the same average coin holdings, per year; defined as income_velocity_eur_per_year.",
        source: "Ledger: coins paid by households for `consumption`, `housing_rent`, `membership_fee` and `resident_services`, over the denominator of `coin_velocity_per_year`, times 12 over the period's months.",
    }
    CoinSalesEur {
        name: "coin_sales_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "omzet in munten", en: "sales paid in coins",
        doc: "Local businesses' sales to households and businesses paid in coins, at the coin's euro value: the coin turnover that coin schemes publish.",
        source: "Ledger: coins received by businesses for `consumption` and `supplies`, times `coins.value_eur`.",
    }
    CoinDiscountsEur {
        name: "coin_discounts_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "kortingen op betalingen in munten", en: "discounts on coin payments",
        doc: "Discounts local shops gave on the part of prices paid in coins (lever 2's `discount_share`).",
        source: "Counter `TickCounters::coin_discount_cents`: per payment, the goods paid in coins at full price less the coins' euro value.",
    }
    CoinShareOfLocalTurnover {
        name: "coin_share_of_local_turnover", unit: Share, rule: RatioOfSums, better: Neither,
        nl: "aandeel van de munt in de lokale omzet", en: "coin share of local turnover",
        doc: "Share of local businesses' sales to households and businesses paid in coins (at the coin's euro value).",
        source: "Ledger: coins received by businesses for `consumption` and `supplies` at `coins.value_eur`, over that plus the euros they received for the same.",
    }
    CoinSchemeCostEur {
        name: "coin_scheme_cost_eur", unit: Eur, rule: SumOfMonths, better: Lower,
        nl: "kosten van de munt voor de gemeente", en: "cost of the coin scheme to the municipality",
        doc: "Euros the municipality spent on the coin scheme: backing put into the fund and redemptions the fund could not pay.",
        source: "Counter `TickCounters::coin_scheme_cost_cents`: backing paid into the fund for coins issued to the area's households, plus the part of the area's redemptions the fund could not pay.",
    }
    TrainingCostEur {
        name: "training_cost_eur", unit: Eur, rule: SumOfMonths, better: Lower,
        nl: "kosten van scholing voor de gemeente", en: "cost of training to the municipality",
        doc: "Courses the municipality paid for the area's residents in training.",
        source: "Counter `TickCounters::training_cost_cents`: `behaviour.training_cost_eur_per_month` per resident of the area in training, each month.",
    }
    TrainingCompletedCount {
        name: "training_completed_count", unit: Count, rule: SumOfMonths, better: Higher,
        nl: "afgeronde opleidingen", en: "trainings completed",
        doc: "Trainings the area's residents completed (not dropped out of), summed over the months.",
        source: "Counter `TickCounters::trainings_completed`.",
    }
    QuotaJobsCount {
        name: "quota_jobs_count", unit: Count, rule: MeanOfMonths, better: Neither,
        nl: "banen via het inkoopquotum", en: "jobs under the procurement quota",
        doc: "Residents of the area employed by an outside holder of the maintenance or care contract under the procurement quota (lever 5); monthly average.",
        source: "World state each month: residents whose contract slot is the maintenance or care contract, by place of residence.",
    }
    SupplementJobsCount {
        name: "supplement_jobs_count", unit: Count, rule: MeanOfMonths, better: Neither,
        nl: "banen via het aanvullende wijkbeheercontract", en: "jobs under the maintenance supplement",
        doc: "Residents of the area employed by an outside holder of the supplementary maintenance contract for its resident share (lever 6); monthly average.",
        source: "World state each month: residents whose contract slot is the supplementary maintenance contract, by place of residence.",
    }
    InternshipsCount {
        name: "internships_count", unit: Count, rule: SumOfMonths, better: Neither,
        nl: "stages bij samenwerkende ondernemers", en: "internships at cooperating businesses",
        doc: "Internships at cooperating businesses given to the area's job seekers (lever 10), summed over the months.",
        source: "Counter `TickCounters::internships`: interns drawn from the area's job seekers who were still unemployed.",
    }
    PayResidentsCoinsCount {
        name: "pay_residents_coins_count", unit: Coin, rule: SumOfMonths, better: Neither,
        nl: "munten betaald voor werk van bewoners", en: "coins paid to residents for work",
        doc: "Coins the municipality granted the area's residents for work (lever 7), summed over the months.",
        source: "Counter `TickCounters::pay_residents_coins`, added in the government spending phase and issued in the coin phase.",
    }
    CampaignCostEur {
        name: "campaign_cost_eur", unit: Eur, rule: SumOfMonths, better: Lower,
        nl: "kosten van de koop-lokaal-campagne", en: "cost of the buy-local campaign",
        doc: "What the buy-local campaign (lever 11) cost the municipality for the area's residents.",
        source: "Counter `TickCounters::campaign_cents`: the campaign's cost per resident times the area's residents, each month.",
    }
    DisabilityBenefitsEur {
        name: "disability_benefits_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "arbeidsongeschiktheidsuitkeringen", en: "disability benefits paid",
        doc: "Disability benefits (WIA, Wajong) paid by the national government to residents unable to work, gross.",
        source: "Ledger: euros received by households for `disability_benefit`.",
    }
    UnemploymentBenefitsEur {
        name: "unemployment_benefits_eur", unit: Eur, rule: SumOfMonths, better: Neither,
        nl: "WW-uitkeringen", en: "unemployment benefits paid",
        doc: "Unemployment insurance (WW) paid by the national government to residents who lost a job involuntarily, gross.",
        source: "Ledger: euros received by households for `unemployment_benefit`.",
    }
    ResidentsOnUnemploymentBenefitCount {
        name: "residents_on_unemployment_benefit_count", unit: Count, rule: MeanOfMonths, better: Lower,
        nl: "inwoners met een WW-uitkering", en: "residents on unemployment benefit",
        doc: "Residents paid an unemployment benefit (WW) this month; monthly average.",
        source: "World state each month: residents whose `Insurance::gross_cents` is positive.",
    }
    // The regional labour market (issue 10, items 1 and 6).
    RegionalVacanciesCount {
        name: "regional_vacancies_count", unit: Count, rule: MeanOfMonths, better: Neither,
        nl: "vacatures in de regio", en: "vacancies in the region",
        doc: "Vacancies of the regional labour market (tightness times the region's unemployed, the city's job seekers included); the same in every area's rows; monthly average.",
        source: "Model state each month: V = tightness x (the pool's unemployed + the city's job seekers) of the regional market (`region::Month::vacancies`); 0 without an outside world or labour market.",
    }
    JobFindingRatePerMonth {
        name: "job_finding_rate_per_month", unit: Share, rule: RatioOfSums, better: Higher,
        nl: "baanvindkans per maand", en: "job-finding rate per month",
        doc: "Share of the area's job seekers (unemployed residents when the month's hiring begins) who hold a job when it ends; over a period, their hires over their job-seeker months.",
        source: "Counters `TickCounters::job_seekers_hired` over `TickCounters::job_seekers`, each summed over the period's months.",
    }
    ResidentsHiredCount {
        name: "residents_hired_count", unit: Count, rule: SumOfMonths, better: Higher,
        nl: "werkzoekende bewoners aan het werk", en: "job seekers hired",
        doc: "Residents of the area who went from job seeker to a job (local, outside, under a quota or an agreement) in the month's labour market, summed over the months.",
        source: "Counter `TickCounters::job_seekers_hired`: residents listed as job seekers in step 3 of the labour market phase who hold a job at its end.",
    }
    // Household time (issue 10, item 2).
    ParticipationHours {
        name: "participation_hours", unit: Hours, rule: SumOfMonths, better: Neither,
        nl: "uren verplichte participatie", en: "participation hours",
        doc: "Hours of required participation by the area's residents: the activity lever 1 asks of households on benefits and the work lever 7 pays in coins, summed over the months.",
        source: "Counter `TickCounters::participation_hours`: lever 1's participants times `behaviour.volunteer_hours_per_month` (associations phase) plus lever 7's coin-paid residents times `levers.pay_residents.hours_per_month` (government spending phase).",
    }
    SearchHours {
        name: "search_hours", unit: Hours, rule: SumOfMonths, better: Neither,
        nl: "uren zoeken naar werk", en: "job-search hours",
        doc: "Hours the area's job seekers spent looking for work, summed over the months: the standard search hours times the share of their time budget left after training, volunteering and participation (docs/ODD.md 7.17).",
        source: "Counter `TickCounters::search_hours`: the search hours of each job seeker listed in step 3 of the labour market phase (`model::time::search_hours`).",
    }
    // Labour supply (issue 10, item 2).
    JobOffersCount {
        name: "job_offers_count", unit: Count, rule: SumOfMonths, better: Higher,
        nl: "banen aangeboden aan werkzoekenden", en: "job offers to job seekers",
        doc: "Jobs offered to the area's job seekers at every hiring site (local businesses, outside employers, quota contracts, agreements), summed over the months; a job seeker may be offered several in a month.",
        source: "Counter `TickCounters::job_offers`, one per call of `Model::accepts_offer` (or of `labour_supply::decide` for lever 8).",
    }
    JobOffersDeclinedCount {
        name: "job_offers_declined_count", unit: Count, rule: SumOfMonths, better: Neither,
        nl: "aangeboden banen geweigerd", en: "job offers declined",
        doc: "Of the job offers, those declined because the household's gain in disposable income fell short of the reservation gain (the value of the hours given up), summed over the months.",
        source: "Counter `TickCounters::job_offers_declined` (src/model/labour_supply.rs, docs/ODD.md 7.16).",
    }
    EffectiveMarginalTaxRate {
        name: "effective_marginal_tax_rate", unit: Share, rule: RatioOfSums, better: Lower,
        nl: "marginale druk van huishoudens in de bijstand", en: "effective marginal tax rate of benefit households",
        doc: "Mean over the area's households on bijstand of 1 - (change in disposable income) / (EUR 100 more gross earnings a month) at their current situation: income tax, the withdrawal of bijstand (with the earnings disregard) and of the rent and health-care allowances; over a period, the mean over household-months.",
        source: "Counters `TickCounters::emtr_sum` over `TickCounters::emtr_households`, computed after the benefits phase with `income_rules::emtr` (docs/ODD.md 7.16).",
    }
    RefusalSanctionsCount {
        name: "refusal_sanctions_count", unit: Count, rule: SumOfMonths, better: Lower,
        nl: "uitkeringen verlaagd na weigering van werk", en: "benefits cut after a refused job",
        doc: "Bijstand payments cut because a member of the household declined a job offer the month before (the municipality's sanction), summed over the months.",
        source: "Counter `TickCounters::refusal_sanctions`, in the benefits phase (docs/ODD.md 7.16).",
    }
}

/// The label of a ledger purpose (a row of the flow matrix).
pub fn purpose_label(p: Purpose, lang: Lang) -> &'static str {
    let (nl, en) = match p {
        Purpose::OpeningBalance => ("beginsaldo", "opening balance"),
        Purpose::Wage => ("lonen lokale bedrijven", "wages from local businesses"),
        Purpose::WageOutside => ("lonen van buiten de stad", "wages from outside the city"),
        Purpose::ProfitDistribution => ("winstopname", "profit drawn by owners"),
        Purpose::IncomeTax => ("inkomstenbelasting", "income tax"),
        Purpose::Benefit => ("bijstand", "social assistance"),
        Purpose::Pension => ("AOW", "state pension"),
        Purpose::Consumption => ("aankopen huishoudens", "household purchases"),
        Purpose::HousingRent => ("huur woning", "housing rent"),
        Purpose::Supplies => ("inkopen bedrijven", "business supplies"),
        Purpose::BusinessRent => ("huur bedrijfsruimte", "business rent"),
        Purpose::Procurement => ("gemeentelijke opdrachten", "municipal contracts"),
        Purpose::Subsidy => ("subsidies", "subsidies"),
        Purpose::MembershipFee => ("contributies", "membership fees"),
        Purpose::AssociationSpending => ("uitgaven verenigingen", "association spending"),
        Purpose::NationalTransfer => ("gemeentefonds", "municipal fund"),
        Purpose::OutsideSales => ("verkoop buiten de stad", "sales outside the city"),
        Purpose::StartCapital => ("startkapitaal", "start capital"),
        Purpose::MunicipalTax => ("gemeentelijke belastingen", "municipal taxes"),
        Purpose::ClosureCash => ("kas bij sluiting", "cash on closure"),
        Purpose::CoinIssuance => ("uitgifte munten", "coins issued"),
        Purpose::CoinRedemption => ("inwisseling munten", "coins redeemed"),
        Purpose::Demurrage => ("demurrage", "demurrage"),
        Purpose::CoinPurchase => ("aankoop munten", "coins bought"),
        Purpose::ResidentServices => ("diensten tussen bewoners", "services between residents"),
        Purpose::CoinBacking => ("dekking munten", "coin backing"),
        Purpose::Campaign => ("campagne koop lokaal", "buy-local campaign"),
        Purpose::DisabilityBenefit => ("arbeidsongeschiktheidsuitkering", "disability benefit"),
        Purpose::RentAllowance => ("huurtoeslag", "rent allowance"),
        Purpose::HealthAllowance => ("zorgtoeslag", "health-care allowance"),
        Purpose::TrainingCost => ("scholingskosten", "training courses"),
        Purpose::UnemploymentBenefit => ("WW-uitkering", "unemployment benefit"),
        Purpose::CoinSchemeGrant => (
            "bijdrage muntfonds aan verenigingen",
            "coin fund grants to associations",
        ),
        Purpose::CoinExpiry => ("vervallen munten", "coins expired"),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// The label of the flow matrix's closing row: the change in each sector's money.
pub fn change_in_money_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "verandering geldbezit",
        Lang::En => "change in money held",
    }
}

/// The label of a ledger sector (a column of the flow matrix).
pub fn sector_label(s: Sector, lang: Lang) -> &'static str {
    let (nl, en) = match s {
        Sector::Households => ("huishoudens", "households"),
        Sector::Businesses => ("bedrijven", "businesses"),
        Sector::Associations => ("verenigingen", "associations"),
        Sector::Municipality => ("gemeente", "municipality"),
        Sector::NationalGovernment => ("Rijk", "national government"),
        Sector::RestOfWorld => ("buiten de stad", "outside the city"),
        Sector::CoinScheme => ("muntregeling", "coin scheme"),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// The label of a column of a neighbourhood's flow matrix
/// ([`crate::model::ledger::MatrixColumn`]): a sector, or the other neighbourhoods.
pub fn matrix_column_label(c: crate::model::ledger::MatrixColumn, lang: Lang) -> &'static str {
    use crate::model::ledger::{Locality, MatrixColumn};
    match c {
        MatrixColumn::Own(s) => sector_label(s, lang),
        MatrixColumn::Counterparty(Locality::OtherNeighbourhood) => {
            if lang == Lang::Nl {
                "andere wijken"
            } else {
                "other neighbourhoods"
            }
        }
        MatrixColumn::Counterparty(Locality::Municipality) => {
            sector_label(Sector::Municipality, lang)
        }
        MatrixColumn::Counterparty(Locality::NationalGovernment) => {
            sector_label(Sector::NationalGovernment, lang)
        }
        MatrixColumn::Counterparty(Locality::CoinScheme) => sector_label(Sector::CoinScheme, lang),
        MatrixColumn::Counterparty(Locality::Outside | Locality::SameNeighbourhood) => {
            sector_label(Sector::RestOfWorld, lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_has_a_dutch_and_an_english_label_of_its_own() {
        for lang in Lang::ALL {
            for (i, a) in Indicator::ALL.iter().enumerate() {
                let label = a.label(lang);
                assert!(
                    !label.trim().is_empty(),
                    "{} has no {lang:?} label",
                    a.name()
                );
                assert_ne!(label, a.name(), "{} is labelled with its name", a.name());
                assert!(
                    !label.contains('_'),
                    "{}: the {lang:?} label {label:?} reads as a column name",
                    a.name()
                );
                assert_eq!(label, label.trim(), "{}: stray blanks", a.name());
                for b in &Indicator::ALL[..i] {
                    assert_ne!(
                        b.label(lang),
                        label,
                        "{} and {} share the {lang:?} label",
                        b.name(),
                        a.name()
                    );
                }
            }
        }
    }

    #[test]
    fn every_indicator_says_where_its_value_comes_from() {
        for ind in Indicator::ALL {
            let s = ind.source();
            assert!(s.len() > 20 && s.ends_with('.'), "{}: {s:?}", ind.name());
            assert!(ind.doc().ends_with('.'), "{}", ind.name());
        }
    }

    #[test]
    fn rules_fit_units() {
        // A ratio rule gives a share or a ratio, never euros or a count.
        for ind in Indicator::ALL {
            if matches!(
                ind.rule(),
                PeriodRule::RatioOfMeans | PeriodRule::RatioOfSums | PeriodRule::SumOverMeanStock
            ) {
                assert!(
                    matches!(ind.unit(), Unit::Share | Unit::Ratio),
                    "{}",
                    ind.name()
                );
            }
        }
    }

    #[test]
    fn flow_labels_are_distinct_per_language() {
        for lang in Lang::ALL {
            for (i, a) in Purpose::ALL.iter().enumerate() {
                assert!(!purpose_label(*a, lang).is_empty());
                assert!(
                    Purpose::ALL[..i]
                        .iter()
                        .all(|b| purpose_label(*b, lang) != purpose_label(*a, lang))
                );
                assert_ne!(purpose_label(*a, lang), change_in_money_label(lang));
            }
            for (i, a) in Sector::ALL.iter().enumerate() {
                assert!(
                    Sector::ALL[..i]
                        .iter()
                        .all(|b| sector_label(*b, lang) != sector_label(*a, lang))
                );
            }
        }
    }

    #[test]
    fn headings_carry_the_unit_and_a_capital() {
        assert_eq!(
            Indicator::UnemploymentRate.heading(Lang::Nl),
            "Werkloosheid (%)"
        );
        assert_eq!(
            Indicator::BusinessTurnoverEur.heading(Lang::En),
            "Turnover of local businesses (euros)"
        );
        assert_eq!(Indicator::Lm3.heading(Lang::Nl), "Lokale multiplier (LM3)");
        assert_eq!(Lang::from_code("nl"), Some(Lang::Nl));
        assert_eq!(Lang::from_code("de"), None);
    }
}
