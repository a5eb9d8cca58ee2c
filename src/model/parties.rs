//! The parties of a social cost-benefit analysis (MKBA): who pays and who gains.
//!
//! Every ledger account belongs to one [`Party`]. Households are put in a group by their
//! state at the start of the reported run ([`super::world::World::classify_households`])
//! and keep it for the whole horizon, as the Dutch general guideline for cost-benefit
//! analysis asks (effects per group, the group fixed at the start). The ledger sums, per
//! currency and purpose, what each party received net of what it paid ([`PartyFlows`]), so
//! each party's cash effect comes from its own accounts and every row sums to zero.

use super::ledger::{CURRENCY_COUNT, Currency, PURPOSE_COUNT, Purpose, Sector};

/// A party of the cost-benefit analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Party {
    /// The municipality (gemeente), the coin fund excluded.
    Municipality = 0,
    /// The national government (Rijk): income tax, the municipal fund, pensions,
    /// allowances, the insurances (UWV).
    NationalGovernment = 1,
    /// Households on bijstand at the start of the horizon.
    HouseholdsBijstand = 2,
    /// Households with a member in work (and not on bijstand) at the start.
    HouseholdsWorking = 3,
    /// Households of pensioners with nobody in work at the start.
    HouseholdsRetired = 4,
    /// Every other household (WW, disability, training, no income of their own).
    HouseholdsOther = 5,
    /// Local businesses (their accounts; owners' draws go to their households).
    Businesses = 6,
    /// Associations and institutions of the wijk.
    Associations = 7,
    /// Housing corporations and landlords (housing and business rent).
    Landlords = 8,
    /// The coin scheme: the issuer (coins outstanding are its liability at face value) and
    /// the fund that backs them.
    CoinScheme = 9,
    /// Everything else outside the city: employers, shops, suppliers, commuters.
    RestOfWorld = 10,
}

/// Number of parties.
pub const PARTY_COUNT: usize = 11;

impl Party {
    /// All parties, in index order.
    pub const ALL: [Party; PARTY_COUNT] = [
        Party::Municipality,
        Party::NationalGovernment,
        Party::HouseholdsBijstand,
        Party::HouseholdsWorking,
        Party::HouseholdsRetired,
        Party::HouseholdsOther,
        Party::Businesses,
        Party::Associations,
        Party::Landlords,
        Party::CoinScheme,
        Party::RestOfWorld,
    ];

    /// The stable snake-case name used in output tables.
    pub fn name(self) -> &'static str {
        match self {
            Party::Municipality => "municipality",
            Party::NationalGovernment => "national_government",
            Party::HouseholdsBijstand => "households_bijstand",
            Party::HouseholdsWorking => "households_working",
            Party::HouseholdsRetired => "households_retired",
            Party::HouseholdsOther => "households_other",
            Party::Businesses => "local_businesses",
            Party::Associations => "associations",
            Party::Landlords => "landlords",
            Party::CoinScheme => "coin_scheme",
            Party::RestOfWorld => "rest_of_world",
        }
    }

    /// The party's label in Dutch and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Party::Municipality => ("gemeente", "municipality"),
            Party::NationalGovernment => ("Rijk", "national government"),
            Party::HouseholdsBijstand => ("huishoudens in de bijstand", "households on bijstand"),
            Party::HouseholdsWorking => ("werkende huishoudens", "working households"),
            Party::HouseholdsRetired => ("gepensioneerde huishoudens", "retired households"),
            Party::HouseholdsOther => ("overige huishoudens", "other households"),
            Party::Businesses => ("lokale ondernemers", "local businesses"),
            Party::Associations => ("verenigingen", "associations"),
            Party::Landlords => ("woningcorporaties en verhuurders", "landlords"),
            Party::CoinScheme => ("muntfonds", "coin scheme"),
            Party::RestOfWorld => ("rest van de wereld", "rest of the world"),
        }
    }

    /// Whether the party is a group of resident households.
    pub fn is_households(self) -> bool {
        matches!(
            self,
            Party::HouseholdsBijstand
                | Party::HouseholdsWorking
                | Party::HouseholdsRetired
                | Party::HouseholdsOther
        )
    }

    /// The party an account of `sector` belongs to until it is told otherwise: households
    /// start as [`Party::HouseholdsOther`], the municipality's and the outside world's
    /// special accounts are set where they are opened.
    pub fn of_sector(sector: Sector) -> Party {
        match sector {
            Sector::Households => Party::HouseholdsOther,
            Sector::Businesses => Party::Businesses,
            Sector::Associations => Party::Associations,
            Sector::Municipality => Party::Municipality,
            Sector::NationalGovernment => Party::NationalGovernment,
            Sector::RestOfWorld => Party::RestOfWorld,
            Sector::CoinScheme => Party::CoinScheme,
        }
    }
}

const PARTY_CELLS: usize = CURRENCY_COUNT * PURPOSE_COUNT * PARTY_COUNT;

/// Per currency and purpose, the net amount each party received (negative: paid), in
/// cents or coin units. Every (currency, purpose) row sums to zero over the parties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyFlows {
    cells: Vec<i64>,
}

impl Default for PartyFlows {
    fn default() -> Self {
        PartyFlows {
            cells: vec![0; PARTY_CELLS],
        }
    }
}

impl PartyFlows {
    #[inline]
    fn index(c: Currency, p: Purpose, party: Party) -> usize {
        (c as usize * PURPOSE_COUNT + p as usize) * PARTY_COUNT + party as usize
    }

    /// Net amount `party` received for purpose `p` (negative when it paid).
    pub fn get(&self, c: Currency, p: Purpose, party: Party) -> i64 {
        self.cells[Self::index(c, p, party)]
    }

    /// Records a payment of `amount` from `from` to `to`.
    #[inline]
    pub fn record(&mut self, c: Currency, p: Purpose, from: Party, to: Party, amount: i64) {
        self.cells[Self::index(c, p, from)] -= amount;
        self.cells[Self::index(c, p, to)] += amount;
    }

    /// Adds another accumulator into this one.
    pub fn add(&mut self, other: &PartyFlows) {
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            *a += b;
        }
    }

    /// Sets every cell to zero without freeing memory.
    pub fn clear(&mut self) {
        self.cells.fill(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_rows_sum_to_zero() {
        let names: std::collections::BTreeSet<_> = Party::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), PARTY_COUNT);
        for (i, p) in Party::ALL.iter().enumerate() {
            assert_eq!(*p as usize, i);
        }
        let mut f = PartyFlows::default();
        f.record(
            Currency::Eur,
            Purpose::Procurement,
            Party::Municipality,
            Party::Businesses,
            700,
        );
        f.record(
            Currency::Eur,
            Purpose::Procurement,
            Party::Municipality,
            Party::RestOfWorld,
            300,
        );
        let row: i64 = Party::ALL
            .iter()
            .map(|&p| f.get(Currency::Eur, Purpose::Procurement, p))
            .sum();
        assert_eq!(row, 0);
        assert_eq!(
            f.get(Currency::Eur, Purpose::Procurement, Party::Municipality),
            -1000
        );
    }
}
