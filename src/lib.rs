//! wijksim: a deterministic, stock-flow consistent agent-based simulator of a neighbourhood
//! economy with euros and a local social coin.
//!
//! Data flows one way: a scenario file becomes a validated [`scenario::Scenario`]; the
//! [`model`] runs ticks and pushes indicator rows into an observer; [`report`] turns rows
//! into tables and files; the binary wires these to the terminal. See ARCHITECTURE.md.

#![warn(missing_docs)]

pub mod cli;
pub mod experiment;
pub mod model;
pub mod report;
pub mod scenario;
pub mod workshop;
