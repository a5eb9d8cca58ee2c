//! Runs many independent jobs on a rayon pool, reporting progress and stopping when asked.
//! This is the one place in wijksim that starts threads for experiments; the model itself
//! never does.
//!
//! Every job is deterministic and independent of the others, so results do not depend on
//! the number of threads or the order in which jobs finish; they come back in the order of
//! the jobs.

use super::Error;
use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// How far a long call has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Runs finished so far in this call.
    pub runs_done: u64,
    /// Runs this call runs in all.
    pub runs_total: u64,
}

/// What the progress callback wants next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Go on.
    Continue,
    /// Start no more runs; the runs under way finish (and a sweep keeps them).
    Cancel,
}

/// The progress callback of a long call. It is called once with `runs_done: 0` before the
/// first run starts, then once after each run, from the worker threads but never two at a
/// time, with `runs_done` going up by one each call. Returning [`Control::Cancel`] stops
/// the call from starting new runs. To cancel from elsewhere (a Ctrl-C handler, another
/// thread), set an `AtomicBool` there and return `Cancel` from the callback when it is
/// set; see [`cancel_when`].
pub type OnProgress<'a> = &'a (dyn Fn(Progress) -> Control + Sync);

/// A callback that reports nothing and never cancels.
pub fn quietly(_: Progress) -> Control {
    Control::Continue
}

/// [`Control::Cancel`] when `flag` is set, else [`Control::Continue`]: the answer of a
/// callback that obeys a cancel flag set elsewhere.
pub fn cancel_when(flag: &AtomicBool) -> Control {
    if flag.load(Ordering::SeqCst) {
        Control::Cancel
    } else {
        Control::Continue
    }
}

/// A thread pool of `threads` workers (all cores when `None`); zero is refused.
pub fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    check_threads(threads)?;
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        b = b.num_threads(t);
    }
    b.build().map_err(|e| Error::Threads(e.to_string()))
}

/// Refuses zero threads, before anything is started.
pub fn check_threads(threads: Option<usize>) -> Result<(), Error> {
    match threads {
        Some(0) => Err(Error::NoThreads),
        _ => Ok(()),
    }
}

/// Runs `job` on every item on `pool`; the results come back in item order, `None` for an
/// item that was not started because the callback cancelled.
pub fn run_all<T: Sync, R: Send>(
    pool: &rayon::ThreadPool,
    items: &[T],
    progress: OnProgress,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let total = items.len() as u64;
    let stop = AtomicBool::new(false);
    // The count and the call under one lock: calls never overlap and see 0, 1, 2, ...
    let done = Mutex::new(0u64);
    let report = |n: &mut u64| {
        let p = Progress {
            runs_done: *n,
            runs_total: total,
        };
        if progress(p) == Control::Cancel {
            stop.store(true, Ordering::SeqCst);
        }
    };
    report(&mut done.lock().expect("progress lock"));
    pool.install(|| {
        items
            .par_iter()
            .map(|item| {
                if stop.load(Ordering::SeqCst) {
                    return None;
                }
                let r = job(item);
                let mut n = done.lock().expect("progress lock");
                *n += 1;
                report(&mut n);
                Some(r)
            })
            .collect()
    })
}

/// [`Error::Cancelled`] if any result is missing, else the results.
pub fn all_or_cancelled<R>(results: Vec<Option<R>>) -> Result<Vec<R>, Error> {
    let total = results.len() as u64;
    let done = results.iter().filter(|r| r.is_some()).count() as u64;
    if done < total {
        return Err(Error::Cancelled {
            runs_done: done,
            runs_total: total,
        });
    }
    Ok(results.into_iter().flatten().collect())
}
