//! Lever 8: matching between neighbourhoods. Job-seeker agreements place residents of one
//! neighbourhood in jobs in another, paid by the municipality, for a number of years;
//! adoption covenants send a share of a neighbourhood's local spending to the shops of the
//! neighbourhood it adopts (a parameter of the households phase).

use super::{Policy, Tick};
use crate::model::labour_supply::decide;
use crate::model::ledger::Purpose as Flow;
use crate::model::params::{Params, cents};
use crate::model::phases::pay_earnings;
use crate::model::rng::Purpose;
use crate::model::world::{Status, World};
use crate::scenario::Scenario;
use std::collections::BTreeMap;

/// One agreement, names resolved.
struct Agreement {
    /// Neighbourhood whose job seekers it places.
    from: usize,
    /// Months it runs (from the first tick).
    months: u32,
    /// Residents it places at most.
    job_seekers: u32,
    /// Gross monthly wage, cents.
    wage_cents: i64,
    /// Monthly chance that the meetings reach a job seeker.
    reach: f64,
}

struct Matching {
    agreements: Vec<Agreement>,
    /// Residents holding a job under each agreement: a redundant counter, recounted by
    /// `check`.
    filled: Vec<u32>,
    /// The agreements whose `from` is known, grouped by `from`, in file order within a
    /// group.
    order: Vec<usize>,
    /// Scratch: the tree of smallest meeting draws over a pool.
    tree: Vec<f64>,
}

/// Neighbourhood names to indices; the first of two equal names wins.
fn index(s: &Scenario) -> BTreeMap<&str, usize> {
    s.neighbourhoods
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.as_str(), i))
        .rev()
        .collect()
}

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.matching;
    let index = index(s);
    // The first covenant naming a neighbourhood as the strong one applies to it.
    let mut seen = vec![false; p.nbs.len()];
    for a in &l.adoptions {
        if let Some(&strong) = index.get(a.strong.as_str())
            && !seen[strong]
        {
            seen[strong] = true;
            p.nbs[strong].adoption = index.get(a.weak.as_str()).map(|&w| (w, a.spending_share));
        }
    }
    if l.agreements.is_empty() {
        return None;
    }
    let agreements: Vec<Agreement> = l
        .agreements
        .iter()
        .map(|a| Agreement {
            from: index.get(a.from.as_str()).copied().unwrap_or(usize::MAX),
            months: a.years * 12,
            job_seekers: a.job_seekers,
            wage_cents: cents(a.wage_eur_per_month),
            reach: a.meeting_reach_per_month,
        })
        .collect();
    let mut order: Vec<usize> = (0..agreements.len())
        .filter(|&k| agreements[k].from != usize::MAX)
        .collect();
    order.sort_by_key(|&k| (agreements[k].from, k));
    Some(Box::new(Matching {
        filled: vec![0; agreements.len()],
        agreements,
        order,
        tree: Vec::new(),
    }))
}

impl Policy for Matching {
    fn name(&self) -> &'static str {
        "matching"
    }

    /// Agreement jobs are paid by the municipality.
    fn incomes(&mut self, t: &mut Tick) {
        let w = &mut *t.world;
        let tax = &t.params.income.tax;
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] != Status::AgreementJob {
                continue;
            }
            let gross = w.residents.wage_cents[r];
            let from = w.sys.municipality;
            pay_earnings(t.books, w, from, r, gross, Flow::Wage, tax);
            t.counters[w.residents.nb[r] as usize].agreement_wages_cents += gross;
        }
    }

    fn labour_market(&mut self, t: &mut Tick) {
        *t.work += self.agreements.len() as u64;
        self.end_agreements(t);
        self.place(t);
    }

    fn leave_job(&mut self, w: &mut World, r: usize) {
        if w.residents.status[r] == Status::AgreementJob {
            let k = w.residents.agreement[r] as usize;
            self.filled[k] = self.filled[k].saturating_sub(1);
            w.residents.agreement[r] = u16::MAX;
        }
    }

    fn bounded_items(&self) -> u64 {
        self.agreements.len() as u64
    }

    fn check(&self, w: &World) -> Result<(), String> {
        let mut count = vec![0u32; self.agreements.len()];
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] == Status::AgreementJob {
                count[w.residents.agreement[r] as usize] += 1;
            }
        }
        match (0..count.len()).find(|&k| count[k] != self.filled[k]) {
            Some(k) => Err(format!(
                "agreement {k} counts {} job holders, the residents say {}",
                self.filled[k], count[k]
            )),
            None => Ok(()),
        }
    }
}

impl Matching {
    fn ending(&self, k: usize, tick: u32) -> bool {
        k < self.agreements.len()
            && self.agreements[k].from != usize::MAX
            && self.agreements[k].months == tick
    }

    /// Agreements ending this month release their job holders, all in one pass.
    fn end_agreements(&mut self, t: &mut Tick) {
        let tick = t.tick;
        if !(0..self.agreements.len()).any(|k| self.ending(k, tick)) {
            return;
        }
        let w = &mut *t.world;
        *t.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] == Status::AgreementJob
                && self.ending(w.residents.agreement[r] as usize, tick)
            {
                w.residents.status[r] = Status::Unemployed;
                w.residents.agreement[r] = u16::MAX;
                w.residents.wage_cents[r] = 0;
                w.residents.hours[r] = 0.0;
            }
        }
        for k in 0..self.agreements.len() {
            if self.ending(k, tick) {
                self.filled[k] = 0;
            }
        }
    }

    /// Agreement k places the first job seekers of its `from` pool, in pool order, who are
    /// still unemployed and whose meeting draw (the stream of the resident and the month,
    /// the same for every agreement) is below its reach, until it holds `job_seekers`. A
    /// tree of the smallest draw over each span of the pool finds them in logarithmic
    /// time, so many agreements do not rescan the pool. Agreements are taken grouped by
    /// `from` (their pools are disjoint, so the order across groups does not matter) and
    /// the tree is built once per group.
    fn place(&mut self, t: &mut Tick) {
        let mut tree_of = usize::MAX;
        for i in 0..self.order.len() {
            let k = self.order[i];
            let ag = &self.agreements[k];
            if t.tick >= ag.months || self.filled[k] >= ag.job_seekers {
                continue;
            }
            let size = t.pools[ag.from].len().next_power_of_two();
            if tree_of != ag.from {
                tree_of = ag.from;
                self.build_tree(t, ag.from, size);
            }
            self.fill(t, k, size);
        }
    }

    /// The tree over pool `from`: leaf i holds the meeting draw of the pool's i-th job
    /// seeker if still unemployed (else infinity), each node the smaller of its children.
    fn build_tree(&mut self, t: &mut Tick, from: usize, size: usize) {
        let tree = &mut self.tree;
        tree.clear();
        tree.resize(2 * size, f64::INFINITY);
        for (i, &r) in t.pools[from].iter().enumerate() {
            if t.world.residents.status[r as usize] == Status::Unemployed {
                tree[size + i] = t.streams.open(Purpose::Agreement, r, t.tick).unit();
            }
        }
        for i in (1..size).rev() {
            tree[i] = tree[2 * i].min(tree[2 * i + 1]);
        }
        *t.work += 2 * size as u64;
    }

    /// Places job seekers under agreement `k` until it is full or nobody left is reached.
    fn fill(&mut self, t: &mut Tick, k: usize, size: usize) {
        let ag = &self.agreements[k];
        let tree = &mut self.tree;
        let height = (size.trailing_zeros() + 1) as u64;
        let w = &mut *t.world;
        while self.filled[k] < ag.job_seekers {
            // The leftmost leaf below the reach, if any.
            if tree[1] >= ag.reach {
                break;
            }
            let mut i = 1;
            while i < size {
                i = if tree[2 * i] < ag.reach {
                    2 * i
                } else {
                    2 * i + 1
                };
            }
            let r = t.pools[ag.from][i - size] as usize;
            let hours = t.params.behaviour.full_time_hours_per_month as f32;
            if decide(t.params, w, t.books, t.counters, r, ag.wage_cents) {
                w.residents.status[r] = Status::AgreementJob;
                w.residents.agreement[r] = k as u16;
                w.residents.wage_cents[r] = ag.wage_cents;
                w.residents.hours[r] = hours;
                self.filled[k] += 1;
            }
            tree[i] = f64::INFINITY;
            while i > 1 {
                i /= 2;
                tree[i] = tree[2 * i].min(tree[2 * i + 1]);
            }
            *t.work += 2 * height;
        }
        *t.work += height;
    }
}
