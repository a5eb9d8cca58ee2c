//! People in a room playing the wijk (the workshop's participatory mode, docs/ODD.md 7.20):
//! each player speaks for a block of households or of businesses and sets, each round, a
//! few of their choices in place of the model's rules. Without players (every run but the
//! workshop's sessions) nothing here is consulted beyond one length check, and no output
//! moves.
//!
//! *Who a player speaks for.* Household `h` belongs to household player `h % n` of `n`;
//! business slot `b` to business player `b % m` of `m`. Every household (every business) is
//! played once a room has a player of that role, so that twenty people in a room of a wijk
//! of 2,000 households move its numbers as a fifth of the wijk each would; the blocks are
//! spread over the whole wijk (every `n`-th), so each is a cross-section of it. A choice a
//! player leaves open (`None`) leaves the model's rule in charge.

/// What one household player chose for its households this round.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HouseholdChoice {
    /// Share of the household budget spent at local shops at equal prices, in place of the
    /// neighbourhood's `spending_share_local` (prices and the coin still move it, as for
    /// everyone: docs/ODD.md 7.4, step 6).
    pub local_share: Option<f64>,
    /// Whether the households' adults who belong to an association volunteer there every
    /// month (`true`) or never (`false`), in place of `volunteer_probability`; required
    /// participation under lever 1 still applies.
    pub volunteer: Option<bool>,
}

/// What one business player chose for its businesses this round.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BusinessChoice {
    /// Whether its shops accept coins, in place of their review (only where the coin runs
    /// and shops may take it: lever 2).
    pub accept_coins: Option<bool>,
    /// Whether its businesses redeem every coin they hold at the month's end (`true`) or
    /// keep them all to pay out (`false`), in place of the rule of docs/ODD.md 7.14.
    pub redeem_coins: Option<bool>,
}

/// The players of a run and their choices this round.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Players {
    /// One entry per household player.
    pub households: Vec<HouseholdChoice>,
    /// One entry per business player.
    pub businesses: Vec<BusinessChoice>,
}

impl Players {
    /// The household player that speaks for household `h`, if any.
    pub fn of_household(&self, h: usize) -> Option<usize> {
        (!self.households.is_empty()).then(|| h % self.households.len())
    }

    /// The business player that speaks for business slot `b`, if any.
    pub fn of_business(&self, b: usize) -> Option<usize> {
        (!self.businesses.is_empty()).then(|| b % self.businesses.len())
    }

    /// Household `h`'s local share at equal prices, where its player chose one.
    pub(crate) fn local_share(&self, h: usize) -> Option<f64> {
        self.of_household(h)
            .and_then(|p| self.households[p].local_share)
    }

    /// Whether household `h`'s adult members volunteer, where its player chose.
    pub(crate) fn volunteer(&self, h: usize) -> Option<bool> {
        self.of_household(h)
            .and_then(|p| self.households[p].volunteer)
    }

    /// Whether business `b` accepts coins, where its player chose.
    pub(crate) fn accept_coins(&self, b: usize) -> Option<bool> {
        self.of_business(b)
            .and_then(|p| self.businesses[p].accept_coins)
    }

    /// Whether business `b` redeems its coins, where its player chose.
    pub(crate) fn redeem_coins(&self, b: usize) -> Option<bool> {
        self.of_business(b)
            .and_then(|p| self.businesses[p].redeem_coins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_agent_has_one_player_once_a_role_has_players() {
        let mut p = Players::default();
        assert_eq!(p.of_household(7), None);
        assert_eq!(p.local_share(7), None);
        p.households = vec![HouseholdChoice::default(); 3];
        p.households[1].local_share = Some(0.9);
        assert_eq!(p.of_household(7), Some(1));
        assert_eq!(p.local_share(7), Some(0.9));
        assert_eq!(p.local_share(6), None, "player 0 left it open");
        assert_eq!(p.of_business(4), None);
    }
}
