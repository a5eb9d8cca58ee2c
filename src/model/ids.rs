//! Typed agent ids for the public API. Inside the hot loops the model indexes its
//! struct-of-arrays columns with plain `u32`s; these wrappers keep ids of different agent
//! kinds from being mixed up where they cross module boundaries.

/// A resident (person).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResidentId(pub u32);

/// A household.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HouseholdId(pub u32);

/// A business slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BusinessId(pub u32);

/// An association.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssociationId(pub u32);

/// A neighbourhood (wijk).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NeighbourhoodId(pub u16);
