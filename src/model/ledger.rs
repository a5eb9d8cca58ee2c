//! The one ledger: every euro and every coin moves through [`Ledger::transfer`].
//!
//! Balances are integers: euro cents and whole coin units. A transfer moves a positive
//! amount from one account to another, so the sum of all balances of a currency never
//! changes: it is zero from the first tick, because opening balances are themselves
//! transfers from a named source. Only source-and-sink accounts (the outside world, the
//! national government, the municipality, a coin issuer) may go below zero; for every other
//! account a transfer that would overdraw it is rejected and changes nothing.
//!
//! Each accepted transfer is also recorded in the flow accumulators: the city-wide
//! transaction-flow matrix (purpose x sector, each row sums to zero) and, per neighbourhood,
//! what its agents paid and received by purpose and by where the other side lives. The
//! indicators are computed from these, so they cannot disagree with the books.

use super::parties::{Party, PartyFlows};

/// An account in the ledger (a plain index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(pub u32);

/// The two currencies of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Currency {
    /// Euros, in cents.
    Eur = 0,
    /// The social coin, in whole coin units.
    Coin = 1,
}

/// Number of currencies.
pub const CURRENCY_COUNT: usize = 2;

impl Currency {
    /// Both currencies, in index order.
    pub const ALL: [Currency; CURRENCY_COUNT] = [Currency::Eur, Currency::Coin];

    /// The stable lower-case name used in output tables.
    pub fn name(self) -> &'static str {
        match self {
            Currency::Eur => "eur",
            Currency::Coin => "coin",
        }
    }
}

/// The sectors of the transaction-flow matrix (its columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Sector {
    /// Resident households.
    Households = 0,
    /// Local businesses.
    Businesses = 1,
    /// Associations and institutions.
    Associations = 2,
    /// The municipality (gemeente).
    Municipality = 3,
    /// The national government: pensions, the municipal fund.
    NationalGovernment = 4,
    /// Everything outside the city: employers, shops, suppliers, landlords, commuters.
    RestOfWorld = 5,
    /// The coin scheme's issuer: the source and sink of every coin.
    CoinScheme = 6,
}

/// Number of sectors.
pub const SECTOR_COUNT: usize = 7;

impl Sector {
    /// All sectors, in index order.
    pub const ALL: [Sector; SECTOR_COUNT] = [
        Sector::Households,
        Sector::Businesses,
        Sector::Associations,
        Sector::Municipality,
        Sector::NationalGovernment,
        Sector::RestOfWorld,
        Sector::CoinScheme,
    ];

    /// The stable snake-case name used in output tables.
    pub fn name(self) -> &'static str {
        match self {
            Sector::Households => "households",
            Sector::Businesses => "businesses",
            Sector::Associations => "associations",
            Sector::Municipality => "municipality",
            Sector::NationalGovernment => "national_government",
            Sector::RestOfWorld => "rest_of_world",
            Sector::CoinScheme => "coin_scheme",
        }
    }
}

/// Why money moves: the rows of the transaction-flow matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Purpose {
    /// Balances held when the run starts, paid in from the rest of the world at tick 0.
    OpeningBalance = 0,
    /// Gross wage paid by a local business to an employee (resident or commuter).
    Wage = 1,
    /// Gross wage paid by an employer outside the city to a resident.
    WageOutside = 2,
    /// A business owner's draw of profit.
    ProfitDistribution = 3,
    /// Income tax on earnings, paid to the national government.
    IncomeTax = 4,
    /// Social assistance (bijstand) paid by the municipality.
    Benefit = 5,
    /// State pension (AOW) paid by the national government.
    Pension = 6,
    /// Household purchases from shops, local or outside.
    Consumption = 7,
    /// Housing rent paid by households to (outside) landlords.
    HousingRent = 8,
    /// Supplies bought by businesses, locally or outside.
    Supplies = 9,
    /// Premises rent paid by businesses.
    BusinessRent = 10,
    /// Payments under a municipal contract (tender).
    Procurement = 11,
    /// Municipal subsidy to an association.
    Subsidy = 12,
    /// Membership fee paid by a household to an association.
    MembershipFee = 13,
    /// Associations buying what their activities need.
    AssociationSpending = 14,
    /// The municipal fund (gemeentefonds) paid by the national government.
    NationalTransfer = 15,
    /// Sales of local businesses to customers outside the city.
    OutsideSales = 16,
    /// Savings a new owner puts into a new business.
    StartCapital = 17,
    /// Local taxes (property tax, waste levy) paid by households to the municipality.
    MunicipalTax = 18,
    /// The cash of a closing business returned to its owner (equity, not income).
    ClosureCash = 19,
    /// Coins created by the scheme for volunteering, training or paid work.
    CoinIssuance = 20,
    /// Coins handed back to the scheme, and the euros paid for them.
    CoinRedemption = 21,
    /// Coins charged by demurrage (destroyed).
    Demurrage = 22,
    /// Euros paid into the coin fund for coins, and the coins received.
    CoinPurchase = 23,
    /// Residents paying each other in coins for services.
    ResidentServices = 24,
    /// Euros the municipality puts into the coin fund to back issued coins.
    CoinBacking = 25,
    /// The buy-local campaign, paid to an agency outside the city.
    Campaign = 26,
    /// Disability benefits (WIA, Wajong) paid by the national government (its agency, UWV)
    /// to residents unable to work.
    DisabilityBenefit = 27,
    /// Courses the municipality pays for residents in training, to providers outside the
    /// city.
    TrainingCost = 28,
    /// The rent allowance (huurtoeslag) the national government pays tenant households.
    RentAllowance = 29,
    /// The health-care allowance (zorgtoeslag) the national government pays households.
    HealthAllowance = 30,
    /// Unemployment insurance (WW) the national government (its agency, UWV) pays
    /// residents who lost a job.
    UnemploymentBenefit = 31,
    /// What the coin fund gives to associations: a share of the redemption fee (the
    /// Chiemgauer's "Regionalbeitrag") and of the value of coins lost to demurrage and
    /// expiry.
    CoinSchemeGrant = 32,
    /// Coins that expired, or paid to renew them, returned to the issuer.
    CoinExpiry = 33,
}

/// Number of purposes.
pub const PURPOSE_COUNT: usize = 34;

impl Purpose {
    /// All purposes, in index order.
    pub const ALL: [Purpose; PURPOSE_COUNT] = [
        Purpose::OpeningBalance,
        Purpose::Wage,
        Purpose::WageOutside,
        Purpose::ProfitDistribution,
        Purpose::IncomeTax,
        Purpose::Benefit,
        Purpose::Pension,
        Purpose::Consumption,
        Purpose::HousingRent,
        Purpose::Supplies,
        Purpose::BusinessRent,
        Purpose::Procurement,
        Purpose::Subsidy,
        Purpose::MembershipFee,
        Purpose::AssociationSpending,
        Purpose::NationalTransfer,
        Purpose::OutsideSales,
        Purpose::StartCapital,
        Purpose::MunicipalTax,
        Purpose::ClosureCash,
        Purpose::CoinIssuance,
        Purpose::CoinRedemption,
        Purpose::Demurrage,
        Purpose::CoinPurchase,
        Purpose::ResidentServices,
        Purpose::CoinBacking,
        Purpose::Campaign,
        Purpose::DisabilityBenefit,
        Purpose::TrainingCost,
        Purpose::RentAllowance,
        Purpose::HealthAllowance,
        Purpose::UnemploymentBenefit,
        Purpose::CoinSchemeGrant,
        Purpose::CoinExpiry,
    ];

    /// The stable snake-case name used in output tables.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::OpeningBalance => "opening_balance",
            Purpose::Wage => "wage",
            Purpose::WageOutside => "wage_outside",
            Purpose::ProfitDistribution => "profit_distribution",
            Purpose::IncomeTax => "income_tax",
            Purpose::Benefit => "benefit",
            Purpose::Pension => "pension",
            Purpose::Consumption => "consumption",
            Purpose::HousingRent => "housing_rent",
            Purpose::Supplies => "supplies",
            Purpose::BusinessRent => "business_rent",
            Purpose::Procurement => "procurement",
            Purpose::Subsidy => "subsidy",
            Purpose::MembershipFee => "membership_fee",
            Purpose::AssociationSpending => "association_spending",
            Purpose::NationalTransfer => "national_transfer",
            Purpose::OutsideSales => "outside_sales",
            Purpose::StartCapital => "start_capital",
            Purpose::MunicipalTax => "municipal_tax",
            Purpose::ClosureCash => "closure_cash",
            Purpose::CoinIssuance => "coin_issuance",
            Purpose::CoinRedemption => "coin_redemption",
            Purpose::Demurrage => "demurrage",
            Purpose::CoinPurchase => "coin_purchase",
            Purpose::ResidentServices => "resident_services",
            Purpose::CoinBacking => "coin_backing",
            Purpose::Campaign => "campaign",
            Purpose::DisabilityBenefit => "disability_benefit",
            Purpose::TrainingCost => "training_cost",
            Purpose::RentAllowance => "rent_allowance",
            Purpose::HealthAllowance => "health_allowance",
            Purpose::UnemploymentBenefit => "unemployment_benefit",
            Purpose::CoinSchemeGrant => "coin_scheme_grant",
            Purpose::CoinExpiry => "coin_expiry",
        }
    }

    /// Whether this purpose is spending in the sense of circulation indicators (velocity,
    /// leakage, LM3): buying goods, services or labour, as opposed to taxes and transfers.
    pub fn is_spending(self) -> bool {
        matches!(
            self,
            Purpose::Wage
                | Purpose::ProfitDistribution
                | Purpose::Consumption
                | Purpose::HousingRent
                | Purpose::Supplies
                | Purpose::BusinessRent
                | Purpose::MembershipFee
                | Purpose::AssociationSpending
                | Purpose::ResidentServices
        )
    }
}

/// Where the other side of a transfer lives, seen from a neighbourhood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Locality {
    /// An agent of the same neighbourhood.
    SameNeighbourhood = 0,
    /// An agent of another neighbourhood of the city.
    OtherNeighbourhood = 1,
    /// The municipality's accounts (its own and the coin fund).
    Municipality = 2,
    /// The national government.
    NationalGovernment = 3,
    /// The coin scheme's issuer.
    CoinScheme = 4,
    /// Every other account with no neighbourhood: outside employers, shops, suppliers,
    /// landlords, commuters.
    Outside = 5,
}

/// Number of localities.
pub const LOCALITY_COUNT: usize = 6;

impl Locality {
    /// The stable snake-case name of the column a counterparty at this locality has in a
    /// neighbourhood's flow matrix ([`NeighbourhoodFlows::matrix_cell`]).
    pub fn column_name(self) -> &'static str {
        match self {
            Locality::SameNeighbourhood => "same_neighbourhood",
            Locality::OtherNeighbourhood => "other_neighbourhoods",
            Locality::Municipality => "municipality",
            Locality::NationalGovernment => "national_government",
            Locality::CoinScheme => "coin_scheme",
            Locality::Outside => "rest_of_world",
        }
    }
}

/// The columns of a neighbourhood's flow matrix: the sectors of its own agents, then where
/// their counterparties are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatrixColumn {
    /// The neighbourhood's own agents of this sector.
    Own(Sector),
    /// Counterparties at this locality (never [`Locality::SameNeighbourhood`]).
    Counterparty(Locality),
}

impl MatrixColumn {
    /// The columns in output order: households, businesses, associations, other
    /// neighbourhoods, the municipality, the national government, the coin scheme, the rest
    /// of the world.
    pub const ALL: [MatrixColumn; 8] = [
        MatrixColumn::Own(Sector::Households),
        MatrixColumn::Own(Sector::Businesses),
        MatrixColumn::Own(Sector::Associations),
        MatrixColumn::Counterparty(Locality::OtherNeighbourhood),
        MatrixColumn::Counterparty(Locality::Municipality),
        MatrixColumn::Counterparty(Locality::NationalGovernment),
        MatrixColumn::Counterparty(Locality::CoinScheme),
        MatrixColumn::Counterparty(Locality::Outside),
    ];

    /// The column's stable snake-case name (a [`Sector`]'s name, or
    /// `other_neighbourhoods`).
    pub fn name(self) -> &'static str {
        match self {
            MatrixColumn::Own(s) => s.name(),
            MatrixColumn::Counterparty(l) => l.column_name(),
        }
    }
}

/// Marks an account that belongs to no neighbourhood.
pub const NO_NEIGHBOURHOOD: u16 = u16::MAX;

/// A transfer rejected by the ledger; nothing changed. Checked in this order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransferError {
    /// The amount was zero or negative.
    AmountMustBePositive {
        /// The rejected amount.
        amount: i64,
    },
    /// An account id is not open in this ledger.
    AccountMustExist {
        /// The unknown account.
        account: AccountId,
    },
    /// Payer and payee were the same account.
    AccountsMustBeDifferent,
    /// The payer may not overdraw and holds less than the amount.
    ExceedsBalance {
        /// The payer.
        account: AccountId,
        /// What it holds.
        balance: i64,
        /// What it tried to pay.
        amount: i64,
    },
}

impl std::fmt::Display for TransferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransferError::AmountMustBePositive { amount } => {
                write!(f, "amount_must_be_positive: amount {amount}")
            }
            TransferError::AccountMustExist { account } => {
                write!(f, "account_must_exist: account {}", account.0)
            }
            TransferError::AccountsMustBeDifferent => f.write_str("accounts_must_be_different"),
            TransferError::ExceedsBalance {
                account,
                balance,
                amount,
            } => write!(
                f,
                "exceeds_balance: account {} holds {balance}, tried to pay {amount}",
                account.0
            ),
        }
    }
}

/// A broken invariant of the books, found by [`Ledger::check_books`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BooksError {
    /// The balances of a currency do not sum to zero.
    SumNotZero {
        /// The currency.
        currency: Currency,
        /// The sum found.
        sum: i64,
    },
    /// An account that may not overdraw holds a negative balance.
    NegativeBalance {
        /// The currency.
        currency: Currency,
        /// The account.
        account: AccountId,
        /// Its balance.
        balance: i64,
    },
}

impl std::fmt::Display for BooksError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BooksError::SumNotZero { currency, sum } => {
                write!(f, "{} balances sum to {sum}, not zero", currency.name())
            }
            BooksError::NegativeBalance {
                currency,
                account,
                balance,
            } => write!(
                f,
                "account {} holds {balance} {}, below zero",
                account.0,
                currency.name()
            ),
        }
    }
}

/// Flows of one neighbourhood: what its agents paid (`out`) and received (`inflow`), by
/// currency, purpose, own sector and where the counterparty lives. Amounts are positive.
#[derive(Clone, Debug)]
pub struct NeighbourhoodFlows {
    cells: Vec<i64>,
}

const FLOW_CELLS: usize = CURRENCY_COUNT * PURPOSE_COUNT * SECTOR_COUNT * LOCALITY_COUNT;

impl Default for NeighbourhoodFlows {
    fn default() -> Self {
        NeighbourhoodFlows {
            cells: vec![0; 2 * FLOW_CELLS],
        }
    }
}

impl NeighbourhoodFlows {
    #[inline]
    fn index(outgoing: bool, c: Currency, p: Purpose, s: Sector, l: Locality) -> usize {
        let base = if outgoing { 0 } else { FLOW_CELLS };
        base + (((c as usize * PURPOSE_COUNT + p as usize) * SECTOR_COUNT + s as usize)
            * LOCALITY_COUNT
            + l as usize)
    }

    /// What agents of sector `s` in this neighbourhood paid for `p` to counterparties at `l`.
    pub fn paid(&self, c: Currency, p: Purpose, s: Sector, l: Locality) -> i64 {
        self.cells[Self::index(true, c, p, s, l)]
    }

    /// What agents of sector `s` in this neighbourhood received for `p` from payers at `l`.
    pub fn received(&self, c: Currency, p: Purpose, s: Sector, l: Locality) -> i64 {
        self.cells[Self::index(false, c, p, s, l)]
    }

    /// Sum of [`Self::paid`] over all localities.
    pub fn paid_total(&self, c: Currency, p: Purpose, s: Sector) -> i64 {
        (0..LOCALITY_COUNT)
            .map(|l| self.cells[Self::index(true, c, p, s, LOCALITIES[l])])
            .sum()
    }

    /// Sum of [`Self::received`] over all localities.
    pub fn received_total(&self, c: Currency, p: Purpose, s: Sector) -> i64 {
        (0..LOCALITY_COUNT)
            .map(|l| self.cells[Self::index(false, c, p, s, LOCALITIES[l])])
            .sum()
    }

    /// The neighbourhood's transaction-flow matrix, cell by cell: what column `col`
    /// received net for `p` (negative when it paid). An own sector's cell counts every
    /// payment of the neighbourhood's agents of that sector; a counterparty's cell what it
    /// received net from the neighbourhood. Each row (currency and purpose) sums to zero
    /// over [`MatrixColumn::ALL`].
    pub fn matrix_cell(&self, c: Currency, p: Purpose, col: MatrixColumn) -> i64 {
        match col {
            MatrixColumn::Own(s) => self.received_total(c, p, s) - self.paid_total(c, p, s),
            MatrixColumn::Counterparty(l) => Sector::ALL
                .iter()
                .map(|&s| self.paid(c, p, s, l) - self.received(c, p, s, l))
                .sum(),
        }
    }

    /// Adds another accumulator into this one.
    pub fn add(&mut self, other: &NeighbourhoodFlows) {
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            *a += b;
        }
    }

    /// Sets every cell to zero without freeing memory.
    pub fn clear(&mut self) {
        self.cells.fill(0);
    }
}

const LOCALITIES: [Locality; LOCALITY_COUNT] = [
    Locality::SameNeighbourhood,
    Locality::OtherNeighbourhood,
    Locality::Municipality,
    Locality::NationalGovernment,
    Locality::CoinScheme,
    Locality::Outside,
];

/// The city-wide transaction-flow matrix: for each currency and purpose, the net amount
/// each sector received (negative: paid). Every row sums to zero.
#[derive(Clone, Debug)]
pub struct FlowMatrix {
    cells: Vec<i64>,
}

impl Default for FlowMatrix {
    fn default() -> Self {
        FlowMatrix {
            cells: vec![0; CURRENCY_COUNT * PURPOSE_COUNT * SECTOR_COUNT],
        }
    }
}

impl FlowMatrix {
    #[inline]
    fn index(c: Currency, p: Purpose, s: Sector) -> usize {
        (c as usize * PURPOSE_COUNT + p as usize) * SECTOR_COUNT + s as usize
    }

    /// Net amount sector `s` received for purpose `p` (negative when it paid).
    pub fn get(&self, c: Currency, p: Purpose, s: Sector) -> i64 {
        self.cells[Self::index(c, p, s)]
    }

    /// Adds another matrix into this one.
    pub fn add(&mut self, other: &FlowMatrix) {
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            *a += b;
        }
    }

    /// Sets every cell to zero without freeing memory.
    pub fn clear(&mut self) {
        self.cells.fill(0);
    }
}

/// The ledger: accounts, balances and the flows of the current tick.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    sector: Vec<Sector>,
    neighbourhood: Vec<u16>,
    may_overdraw: Vec<bool>,
    party: Vec<Party>,
    balance: [Vec<i64>; CURRENCY_COUNT],
    tick_matrix: FlowMatrix,
    tick_flows: Vec<NeighbourhoodFlows>,
    tick_parties: PartyFlows,
}

impl Ledger {
    /// An empty ledger for a city of `neighbourhoods` neighbourhoods.
    pub fn new(neighbourhoods: usize) -> Ledger {
        Ledger {
            tick_flows: vec![NeighbourhoodFlows::default(); neighbourhoods],
            ..Ledger::default()
        }
    }

    /// Opens an account with zero balances. `neighbourhood` is [`NO_NEIGHBOURHOOD`] for
    /// city-wide and outside accounts; `may_overdraw` marks a source or sink.
    pub fn open(&mut self, sector: Sector, neighbourhood: u16, may_overdraw: bool) -> AccountId {
        let id = AccountId(self.sector.len() as u32);
        self.sector.push(sector);
        self.party.push(Party::of_sector(sector));
        self.neighbourhood.push(neighbourhood);
        self.may_overdraw.push(may_overdraw);
        for b in &mut self.balance {
            b.push(0);
        }
        id
    }

    /// Number of open accounts.
    pub fn account_count(&self) -> usize {
        self.sector.len()
    }

    /// Balance of `account` in `currency`.
    #[inline]
    pub fn balance(&self, currency: Currency, account: AccountId) -> i64 {
        self.balance[currency as usize][account.0 as usize]
    }

    /// The sector of an account.
    pub fn sector(&self, account: AccountId) -> Sector {
        self.sector[account.0 as usize]
    }

    /// The party of an account in the cost-benefit analysis.
    pub fn party(&self, account: AccountId) -> Party {
        self.party[account.0 as usize]
    }

    /// Puts an account in another party (bookkeeping only: balances and flows of the
    /// model do not change). A household's group is set at the start of the reported run.
    pub fn set_party(&mut self, account: AccountId, party: Party) {
        self.party[account.0 as usize] = party;
    }

    /// The neighbourhood of an account ([`NO_NEIGHBOURHOOD`] for city-wide and outside
    /// accounts).
    pub fn neighbourhood(&self, account: AccountId) -> u16 {
        self.neighbourhood[account.0 as usize]
    }

    /// Moves `amount` of `currency` from `from` to `to` for `purpose`, or rejects the
    /// transfer and changes nothing.
    #[inline]
    pub fn transfer(
        &mut self,
        currency: Currency,
        from: AccountId,
        to: AccountId,
        amount: i64,
        purpose: Purpose,
    ) -> Result<(), TransferError> {
        if amount <= 0 {
            return Err(TransferError::AmountMustBePositive { amount });
        }
        let (f, t) = (from.0 as usize, to.0 as usize);
        let n = self.sector.len();
        if f >= n {
            return Err(TransferError::AccountMustExist { account: from });
        }
        if t >= n {
            return Err(TransferError::AccountMustExist { account: to });
        }
        if f == t {
            return Err(TransferError::AccountsMustBeDifferent);
        }
        let balances = &mut self.balance[currency as usize];
        if !self.may_overdraw[f] && balances[f] < amount {
            return Err(TransferError::ExceedsBalance {
                account: from,
                balance: balances[f],
                amount,
            });
        }
        balances[f] -= amount;
        balances[t] += amount;

        let (sf, st) = (self.sector[f], self.sector[t]);
        let m = &mut self.tick_matrix.cells;
        m[FlowMatrix::index(currency, purpose, sf)] -= amount;
        m[FlowMatrix::index(currency, purpose, st)] += amount;
        self.tick_parties
            .record(currency, purpose, self.party[f], self.party[t], amount);

        let (nf, nt) = (self.neighbourhood[f], self.neighbourhood[t]);
        if nf != NO_NEIGHBOURHOOD {
            let l = locality(nf, nt, st);
            self.tick_flows[nf as usize].cells
                [NeighbourhoodFlows::index(true, currency, purpose, sf, l)] += amount;
        }
        if nt != NO_NEIGHBOURHOOD {
            let l = locality(nt, nf, sf);
            self.tick_flows[nt as usize].cells
                [NeighbourhoodFlows::index(false, currency, purpose, st, l)] += amount;
        }
        Ok(())
    }

    /// Checks the invariants of the books: each currency sums to zero, and no account that
    /// may not overdraw is below zero.
    pub fn check_books(&self) -> Result<(), BooksError> {
        for currency in Currency::ALL {
            let balances = &self.balance[currency as usize];
            let sum: i64 = balances.iter().sum();
            if sum != 0 {
                return Err(BooksError::SumNotZero { currency, sum });
            }
            if let Some(i) = (0..balances.len()).find(|&i| !self.may_overdraw[i] && balances[i] < 0)
            {
                return Err(BooksError::NegativeBalance {
                    currency,
                    account: AccountId(i as u32),
                    balance: balances[i],
                });
            }
        }
        Ok(())
    }

    /// The city-wide flow matrix of the current tick.
    pub fn tick_matrix(&self) -> &FlowMatrix {
        &self.tick_matrix
    }

    /// What each party received net, by currency and purpose, in the current tick.
    pub fn tick_parties(&self) -> &PartyFlows {
        &self.tick_parties
    }

    /// The flows of each neighbourhood in the current tick.
    pub fn tick_flows(&self) -> &[NeighbourhoodFlows] {
        &self.tick_flows
    }

    /// Starts a new tick: clears the flow accumulators (balances are kept).
    pub fn begin_tick(&mut self) {
        self.tick_matrix.clear();
        self.tick_parties.clear();
        for f in &mut self.tick_flows {
            f.clear();
        }
    }

    /// Sum of the balances of `currency` over the accounts in `range` (an id range).
    pub fn sum_range(&self, currency: Currency, range: std::ops::Range<u32>) -> i64 {
        self.balance[currency as usize][range.start as usize..range.end as usize]
            .iter()
            .sum()
    }
}

/// Where the counterparty (in neighbourhood `other`, of sector `other_sector`) of an agent
/// of neighbourhood `own` is.
#[inline]
fn locality(own: u16, other: u16, other_sector: Sector) -> Locality {
    if other == own {
        Locality::SameNeighbourhood
    } else if other != NO_NEIGHBOURHOOD {
        Locality::OtherNeighbourhood
    } else {
        match other_sector {
            Sector::Municipality => Locality::Municipality,
            Sector::NationalGovernment => Locality::NationalGovernment,
            Sector::CoinScheme => Locality::CoinScheme,
            _ => Locality::Outside,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger() -> (Ledger, AccountId, AccountId, AccountId) {
        let mut l = Ledger::new(2);
        let src = l.open(Sector::RestOfWorld, NO_NEIGHBOURHOOD, true);
        let a = l.open(Sector::Households, 0, false);
        let b = l.open(Sector::Businesses, 1, false);
        (l, src, a, b)
    }

    #[test]
    fn rejections_are_named_and_change_nothing() {
        let (mut l, src, a, b) = ledger();
        l.transfer(Currency::Eur, src, a, 500, Purpose::OpeningBalance)
            .unwrap();
        let before = l.clone();
        assert_eq!(
            l.transfer(Currency::Eur, a, b, 0, Purpose::Consumption),
            Err(TransferError::AmountMustBePositive { amount: 0 })
        );
        assert_eq!(
            l.transfer(Currency::Eur, a, a, 5, Purpose::Consumption),
            Err(TransferError::AccountsMustBeDifferent)
        );
        assert_eq!(
            l.transfer(Currency::Eur, a, AccountId(99), 5, Purpose::Consumption),
            Err(TransferError::AccountMustExist {
                account: AccountId(99)
            })
        );
        assert_eq!(
            l.transfer(Currency::Eur, a, b, 501, Purpose::Consumption),
            Err(TransferError::ExceedsBalance {
                account: a,
                balance: 500,
                amount: 501
            })
        );
        assert_eq!(
            l.transfer(Currency::Coin, a, b, 1, Purpose::Consumption),
            Err(TransferError::ExceedsBalance {
                account: a,
                balance: 0,
                amount: 1
            })
        );
        assert_eq!(l.balance, before.balance);
        assert_eq!(l.tick_matrix.cells, before.tick_matrix.cells);
        l.check_books().unwrap();
    }

    #[test]
    fn flows_are_recorded_by_locality_and_rows_sum_to_zero() {
        let (mut l, src, a, b) = ledger();
        l.transfer(Currency::Eur, src, a, 1000, Purpose::OpeningBalance)
            .unwrap();
        l.transfer(Currency::Eur, a, b, 300, Purpose::Consumption)
            .unwrap();
        l.transfer(Currency::Coin, src, b, 7, Purpose::OpeningBalance)
            .unwrap();
        let f = &l.tick_flows()[0];
        assert_eq!(
            f.paid(
                Currency::Eur,
                Purpose::Consumption,
                Sector::Households,
                Locality::OtherNeighbourhood
            ),
            300
        );
        assert_eq!(
            l.tick_flows()[1].received(
                Currency::Eur,
                Purpose::Consumption,
                Sector::Businesses,
                Locality::OtherNeighbourhood
            ),
            300
        );
        for c in Currency::ALL {
            for p in Purpose::ALL {
                let row: i64 = Sector::ALL
                    .iter()
                    .map(|&s| l.tick_matrix().get(c, p, s))
                    .sum();
                assert_eq!(row, 0);
                for f in l.tick_flows() {
                    let row: i64 = MatrixColumn::ALL
                        .iter()
                        .map(|&col| f.matrix_cell(c, p, col))
                        .sum();
                    assert_eq!(row, 0, "{c:?} {p:?}");
                }
            }
        }
        let own = MatrixColumn::Own(Sector::Households);
        let rest = MatrixColumn::Counterparty(Locality::Outside);
        let f = &l.tick_flows()[0];
        assert_eq!(
            f.matrix_cell(Currency::Eur, Purpose::OpeningBalance, own),
            1000
        );
        assert_eq!(
            f.matrix_cell(Currency::Eur, Purpose::OpeningBalance, rest),
            -1000
        );
        let other = MatrixColumn::Counterparty(Locality::OtherNeighbourhood);
        assert_eq!(
            f.matrix_cell(Currency::Eur, Purpose::Consumption, own),
            -300
        );
        assert_eq!(
            f.matrix_cell(Currency::Eur, Purpose::Consumption, other),
            300
        );
        assert_eq!(l.balance(Currency::Coin, b), 7);
        l.check_books().unwrap();
    }
}
