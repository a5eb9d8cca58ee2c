//! Output folders: where a command may write, and how it swaps a finished folder into
//! place so that nothing already written is lost.
//!
//! Three rules, each proven by a test in `tests/outdirs.rs` or below:
//!
//! 1. **A default folder never leaves `out/`.** It is `out/<slug of the name>`
//!    ([`slug`]): lower-case letters and digits of any script, runs of anything else turned
//!    into one `-`. A slug holds no `/`, no `.` and no `..`, and is never empty. When the
//!    folder already holds another name's results, the next free `slug-2`, `slug-3`, ...
//!    is taken instead ([`default_target`]), and the caller says so on the terminal.
//! 2. **Only our own folders are replaced.** An existing folder is replaced only when its
//!    `manifest.json` is a wijksim manifest of the same kind (run, compare, sweep) and every
//!    file in the folder is listed in it; an empty folder may be filled. A file, a device, a
//!    symbolic link or a folder with anything else in it is refused ([`check_target`]), with
//!    a hint: exit code 2.
//! 3. **At every instant the target holds the complete old or the complete new folder.**
//!    The new folder is written beside the target (`.NAME.tmp-PID`) and swapped in with the
//!    platform's atomic exchange (`renameat2(RENAME_EXCHANGE)` on Linux); where that is not
//!    available, the old folder is renamed aside (`.NAME.old-PID`) and the new one in, and a
//!    later run that finds the target missing puts the old one back ([`recover`]).
//!    Leftovers of killed runs are cleaned, or reported when their process still runs.

use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Version of the manifest format; written as `wijksim_manifest`.
pub const MANIFEST_FORMAT: u64 = 1;
/// Longest slug, in characters.
pub const SLUG_CHARS_MAX: usize = 64;
/// Longest slug, in bytes: with `.`, `.tmp-PID` and a `-99` suffix a staging folder's
/// name stays below the 255 bytes file systems allow, whatever the script.
pub const SLUG_BYTES_MAX: usize = 200;
/// How many suffixed folders (`slug-2` ...) a default target tries before giving up.
pub const SUFFIX_MAX: u32 = 99;

/// What wrote a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `wijksim run`.
    Run,
    /// `wijksim compare`.
    Compare,
    /// `wijksim sweep` and `wijksim merge`.
    Sweep,
}

impl Kind {
    /// The name written in manifests.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Run => "run",
            Kind::Compare => "compare",
            Kind::Sweep => "sweep",
        }
    }
}

/// Why a folder may not be written: a sentence and a hint (bad input, exit code 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong, naming the path.
    pub message: String,
    /// What to do instead.
    pub hint: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}\n  hint: {}", self.message, self.hint)
    }
}

/// The folder name of a free-text name: lower-case letters and digits (of any script),
/// every other run of characters one `-`, no `-` at either end, at most
/// [`SLUG_CHARS_MAX`] characters and [`SLUG_BYTES_MAX`] bytes; `unnamed` when nothing is
/// left.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if s.chars().count() >= SLUG_CHARS_MAX {
            break;
        }
    }
    let mut s: String = s.chars().take(SLUG_CHARS_MAX).collect();
    while s.len() > SLUG_BYTES_MAX {
        s.pop();
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "unnamed".into() } else { s }
}

/// What is at a target path now.
#[derive(Clone, Debug, PartialEq)]
pub enum Existing {
    /// Nothing.
    Absent,
    /// An empty folder.
    Empty,
    /// A folder of ours of the same kind, with its manifest.
    Ours(serde_json::Value),
}

fn refuse(message: String, hint: &str) -> Refusal {
    Refusal {
        message,
        hint: hint.to_string(),
    }
}

/// Whether `target` may be written by a command of `kind`, and what is there.
pub fn check_target(target: &Path, kind: Kind) -> Result<Existing, Refusal> {
    let shown = target.display();
    let hint = "choose another --out, or move that folder away yourself";
    if let Some(outer) = enclosing_output(target) {
        return Err(refuse(
            format!(
                "{shown} is inside {}, the output folder of an earlier wijksim command",
                outer.display()
            ),
            "write each output to a folder of its own, e.g. beside that one",
        ));
    }
    let meta = match fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Absent),
        Err(e) => return Err(refuse(format!("cannot inspect {shown}: {e}"), hint)),
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(
            format!("{shown} is a symbolic link; wijksim writes only to real folders"),
            hint,
        ));
    }
    if !meta.is_dir() {
        return Err(refuse(
            format!("{shown} exists and is not a folder"),
            "--out names the folder wijksim creates; choose a path that does not exist",
        ));
    }
    let listed_names: Vec<String> = read_manifest(target)
        .ok()
        .and_then(|m| m["files"].as_object().map(|f| f.keys().cloned().collect()))
        .unwrap_or_default();
    // Temporary files of a killed write (`.NAME.tmp-PID` of a dead process, NAME one of
    // our own files) do not count: they are removed with the folder.
    let names: Vec<String> = list_dir(target)
        .map_err(|e| refuse(format!("cannot list {shown}: {e}"), hint))?
        .into_iter()
        .filter(|n| {
            !leftover_of(n)
                .is_some_and(|of| OWN_FILES.contains(&of) || listed_names.iter().any(|l| l == of))
        })
        .collect();
    if names.is_empty() {
        return Ok(Existing::Empty);
    }
    let not_ours = |why: String| {
        refuse(
            format!(
                "{shown} holds files that wijksim did not write ({why}), so it is not replaced"
            ),
            hint,
        )
    };
    let manifest = read_manifest(target).map_err(not_ours)?;
    let found = manifest["kind"].as_str().unwrap_or("");
    if found != kind.name() {
        return Err(refuse(
            format!(
                "{shown} holds the output of `wijksim {found}`, not of `wijksim {}`",
                kind.name()
            ),
            hint,
        ));
    }
    if kind != Kind::Sweep {
        let listed = manifest["files"].as_object();
        for n in &names {
            let is_listed = n == "manifest.json" || listed.is_some_and(|l| l.contains_key(n));
            if !is_listed || !target.join(n).is_file() {
                return Err(not_ours(format!("`{n}` is not in its manifest")));
            }
        }
    }
    Ok(Existing::Ours(manifest))
}

/// Names of the files wijksim commands write into their folders.
const OWN_FILES: &[&str] = &[
    "manifest.json",
    "timeseries.csv",
    "flows.csv",
    "parties.csv",
    "timeseries.parquet",
    "flows.parquet",
    "parties.parquet",
    "table.parquet",
    "scenario.ron",
    "summary.json",
    "report.html",
    "odd.html",
    "compare.csv",
    "compare.json",
    "stakeholders.csv",
    "additionality.csv",
    "replicates.csv",
    "targets.csv",
    "parameters.csv",
    "base.ron",
    "changed.ron",
    "experiment.ron",
    "table.csv",
    "failures.csv",
    "convergence.csv",
    "morris.csv",
];

/// For a temporary file of a write that was killed (`.NAME.tmp-PID`, the process gone):
/// NAME.
pub fn leftover_of(file: &str) -> Option<&str> {
    let (of, pid) = file.strip_prefix('.')?.rsplit_once(".tmp-")?;
    let pid: u32 = pid.parse().ok()?;
    (!pid_alive(pid)).then_some(of)
}

/// The nearest folder above `target` that holds a wijksim manifest, if any.
fn enclosing_output(target: &Path) -> Option<PathBuf> {
    let abs = if target.is_absolute() {
        target.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(target)
    };
    abs.ancestors()
        .skip(1)
        .find(|a| read_manifest(a).is_ok() || recorded_name(a).is_some())
        .map(Path::to_path_buf)
}

fn list_dir(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for e in fs::read_dir(dir)? {
        names.push(e?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// The manifest of a folder, if it is a wijksim manifest.
pub fn read_manifest(dir: &Path) -> Result<serde_json::Value, String> {
    let p = dir.join("manifest.json");
    let bytes = fs::read(&p).map_err(|_| "no manifest.json".to_string())?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|_| "manifest.json is not a wijksim manifest".to_string())?;
    if v["wijksim_manifest"].as_u64().is_none() || v["kind"].as_str().is_none() {
        if v["wijksim_version"].is_string() {
            return Err("its manifest.json is of a wijksim older than the manifest format 1, which did not list the folder's kind".into());
        }
        return Err("manifest.json is not a wijksim manifest".into());
    }
    Ok(v)
}

/// The name an output folder's manifest records, also for manifests of older versions.
fn recorded_name(dir: &Path) -> Option<String> {
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).ok()?).ok()?;
    v["wijksim_version"].as_str()?;
    ["name", "scenario", "experiment"]
        .iter()
        .find_map(|k| v[*k].as_str().map(String::from))
}

/// A default target under `root` (normally `out`): `root/<slug>` if it is free or already
/// holds this `name`'s output of this `kind`, else the first such `root/<slug>-N` (the
/// slug is another name's). A folder that holds this name's output but may not be
/// replaced (a file added by hand, an older manifest, another kind) is refused rather
/// than silently passed over, so that no script goes on reading a stale folder. The
/// second value, when set, is a note for the terminal saying why a suffix was added.
pub fn default_target(
    root: &Path,
    kind: Kind,
    name: &str,
) -> Result<(PathBuf, Option<String>), Refusal> {
    let base = slug(name);
    for n in 1..=SUFFIX_MAX {
        let dir = if n == 1 {
            root.join(&base)
        } else {
            root.join(format!("{base}-{n}"))
        };
        let free = match check_target(&dir, kind) {
            Ok(Existing::Absent | Existing::Empty) => true,
            Ok(Existing::Ours(m)) => m["name"].as_str() == Some(name),
            Err(r) if recorded_name(&dir).as_deref() == Some(name) => {
                return Err(Refusal {
                    message: format!("{} (it holds earlier output of \"{name}\")", r.message),
                    hint: "move that folder away or delete it, or give --out".into(),
                });
            }
            Err(r) if n == 1 && enclosing_output(&dir).is_some() => return Err(r),
            Err(_) => false,
        };
        if free {
            let note = (n > 1).then(|| {
                format!(
                    "note: {} holds other output; \"{name}\" is written to {}",
                    root.join(&base).display(),
                    dir.display()
                )
            });
            return Ok((dir, note));
        }
    }
    Err(refuse(
        format!(
            "{} to {}-{SUFFIX_MAX} all hold other output",
            root.join(&base).display(),
            root.join(&base).display()
        ),
        "give --out, or clean up the out/ folder",
    ))
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A manifest: format, kind and name, the wijksim version, `fields` (merged in), the
/// command line, and the SHA-256 and size of each of `files` in `dir`.
pub fn manifest(
    kind: Kind,
    name: &str,
    dir: &Path,
    files: &[&str],
    fields: serde_json::Value,
) -> io::Result<serde_json::Value> {
    let mut listed = serde_json::Map::new();
    for f in files {
        let bytes = fs::read(dir.join(f))?;
        listed.insert(
            f.to_string(),
            serde_json::json!({"sha256": sha256_hex(&bytes), "bytes": bytes.len()}),
        );
    }
    let mut m = serde_json::json!({
        "wijksim_manifest": MANIFEST_FORMAT,
        "kind": kind.name(),
        "name": name,
        "wijksim_version": env!("CARGO_PKG_VERSION"),
    });
    let obj = m.as_object_mut().expect("an object");
    if let serde_json::Value::Object(extra) = fields {
        obj.extend(extra);
    }
    obj.insert(
        "command_line".into(),
        serde_json::json!(std::env::args().collect::<Vec<_>>()),
    );
    obj.insert("files".into(), serde_json::Value::Object(listed));
    Ok(m)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced and
/// renamed into place: a reader sees the old or the new file, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes a manifest as pretty JSON, atomically.
pub fn write_manifest(dir: &Path, m: &serde_json::Value) -> io::Result<()> {
    let text = serde_json::to_string_pretty(m).expect("json values serialise") + "\n";
    write_atomic(&dir.join("manifest.json"), text.as_bytes())
}

/// Adds (or updates) `file` in the manifest of `dir`: for files written into a finished
/// folder afterwards, such as `report.html`.
pub fn add_to_manifest(dir: &Path, file: &str) -> io::Result<()> {
    let Ok(mut m) = read_manifest(dir) else {
        return Ok(());
    };
    let bytes = fs::read(dir.join(file))?;
    if let Some(files) = m["files"].as_object_mut() {
        files.insert(
            file.to_string(),
            serde_json::json!({"sha256": sha256_hex(&bytes), "bytes": bytes.len()}),
        );
    }
    write_manifest(dir, &m)
}

fn parts(target: &Path) -> (PathBuf, String) {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    (parent, name)
}

/// Whether process `pid` may still run (this process counts as running).
pub fn pid_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without a process table to ask, assume the writer may still be at work.
        true
    }
}

/// Cleans what killed runs left beside `target`: a `.NAME.tmp-PID` folder is removed; a
/// `.NAME.old-PID` folder is put back when the target is missing (the run was killed
/// between the two renames of the fallback), else removed. Leftovers of a process that
/// still runs are left alone. Returns one line per leftover, for the terminal.
pub fn recover(target: &Path) -> Vec<String> {
    let (parent, name) = parts(target);
    let mut notes = Vec::new();
    let Ok(entries) = fs::read_dir(&parent) else {
        return notes;
    };
    let mut found: Vec<(String, u32, bool)> = Vec::new();
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        for (tag, old) in [(".tmp-", false), (".old-", true)] {
            let prefix = format!(".{name}{tag}");
            if let Some(pid) = file.strip_prefix(&prefix).and_then(|p| p.parse().ok()) {
                found.push((file.clone(), pid, old));
            }
        }
    }
    found.sort();
    for (file, pid, old) in found {
        let p = parent.join(&file);
        if pid_alive(pid) {
            notes.push(format!(
                "note: left {} alone: process {pid} that writes it still runs",
                p.display()
            ));
            continue;
        }
        // Only folders wijksim made are touched: an old folder aside is a complete output
        // with its manifest; a staging folder holds nothing but our own files.
        let ours = if old {
            read_manifest(&p).is_ok()
        } else {
            list_dir(&p).is_ok_and(|names| {
                names.iter().all(|n| {
                    OWN_FILES.contains(&n.as_str())
                        || leftover_of(n).is_some_and(|of| OWN_FILES.contains(&of))
                }) && names.iter().all(|n| p.join(n).is_file())
            }) || read_manifest(&p).is_ok()
        };
        if !ours {
            notes.push(format!(
                "note: left {} alone: it looks like a leftover of wijksim, but holds files wijksim does not write",
                p.display()
            ));
            continue;
        }
        let missing = fs::symlink_metadata(target).is_err();
        let done = if old && missing {
            fs::rename(&p, target).map(|_| {
                format!(
                    "note: restored {} from {} (an earlier run was interrupted while replacing it)",
                    target.display(),
                    p.display()
                )
            })
        } else {
            fs::remove_dir_all(&p)
                .or_else(|_| fs::remove_file(&p))
                .map(|_| format!("note: removed {}, left by an interrupted run", p.display()))
        };
        notes.push(done.unwrap_or_else(|e| format!("warning: cannot clean {}: {e}", p.display())));
    }
    notes
}

/// A step of [`Staging::commit`], for tests that interrupt it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The fallback moved the old folder aside; the new one is not yet in place.
    OldMovedAside,
    /// The new folder is in place; the old one (aside or in the staging path) is not yet
    /// removed.
    NewInPlace,
}

/// How a commit swaps folders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swap {
    /// The platform's atomic exchange where it exists, else the fallback.
    Best,
    /// Rename aside, rename in (what platforms without an exchange get).
    Fallback,
}

/// A folder being written; becomes `target` on [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    kind: Kind,
    committed: bool,
    /// Lines for the terminal: leftovers cleaned or left.
    pub notes: Vec<String>,
}

impl Staging {
    /// Checks that `target` may be replaced by output of `kind` ([`check_target`]), cleans
    /// leftovers of interrupted runs ([`recover`]) and creates the staging folder next to
    /// it (the parent is created if needed).
    pub fn new(target: &Path, kind: Kind) -> Result<Staging, StagingError> {
        // Check before touching anything: a refusal leaves everything as it was.
        check_target(target, kind).map_err(StagingError::Refused)?;
        let notes = recover(target);
        check_target(target, kind).map_err(StagingError::Refused)?;
        let (parent, name) = parts(target);
        fs::create_dir_all(&parent).map_err(StagingError::Io)?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if fs::symlink_metadata(&tmp).is_ok() {
            fs::remove_dir_all(&tmp).map_err(StagingError::Io)?;
        }
        fs::create_dir(&tmp).map_err(StagingError::Io)?;
        Ok(Staging {
            target: target.to_path_buf(),
            tmp,
            kind,
            committed: false,
            notes,
        })
    }

    /// Path of a file inside the staging folder.
    pub fn path(&self, file: &str) -> PathBuf {
        self.tmp.join(file)
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Swaps the finished folder into place; see the module's rule 3.
    pub fn commit(self) -> io::Result<PathBuf> {
        self.commit_until(Swap::Best, None)
    }

    /// [`commit`](Self::commit) that stops after `stop` as a killed process would (no
    /// clean-up), for the tests that prove rule 3. Not for other use.
    #[doc(hidden)]
    pub fn commit_until(mut self, swap: Swap, stop: Option<Step>) -> io::Result<PathBuf> {
        let (parent, name) = parts(&self.target);
        // Check again: a file added to the target while the run went on must not be
        // deleted with the old folder. The new output is kept under a name of its own.
        if let Err(r) = check_target(&self.target, self.kind) {
            let keep = (1..)
                .map(|n| parent.join(format!("{name}.unsaved-{n}")))
                .find(|p| fs::symlink_metadata(p).is_err())
                .expect("a free name");
            fs::rename(&self.tmp, &keep)?;
            self.committed = true;
            return Err(io::Error::other(format!(
                "{} changed while this command ran ({}); the new output is in {}",
                self.target.display(),
                r.message,
                keep.display()
            )));
        }
        let had_old = fs::symlink_metadata(&self.target).is_ok();
        if had_old && swap == Swap::Best && exchange(&self.tmp, &self.target)? {
            // The staging path now holds the old folder.
            self.committed = true;
            if stop == Some(Step::NewInPlace) {
                std::mem::forget(self);
                return Ok(PathBuf::new());
            }
            let _ = fs::remove_dir_all(&self.tmp);
            return Ok(self.target.clone());
        }
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if had_old {
            fs::rename(&self.target, &old)?;
            if stop == Some(Step::OldMovedAside) {
                std::mem::forget(self);
                return Ok(PathBuf::new());
            }
        }
        if let Err(e) = fs::rename(&self.tmp, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if stop == Some(Step::NewInPlace) {
            std::mem::forget(self);
            return Ok(PathBuf::new());
        }
        if had_old {
            // The new folder is in place: failing to delete the old one loses nothing.
            let _ = fs::remove_dir_all(&old);
        }
        Ok(self.target.clone())
    }
}

/// Why a staging folder could not be made.
#[derive(Debug)]
pub enum StagingError {
    /// The target is not ours to replace (exit code 2).
    Refused(Refusal),
    /// The file system said no (exit code 1).
    Io(io::Error),
}

/// Atomically exchanges two paths; `Ok(false)` where the platform or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths; renameat2 reads them and nothing else.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::ENOTSUP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(dir: &Path, kind: Kind, name: &str, content: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("a.csv"), content).unwrap();
        let m = manifest(kind, name, dir, &["a.csv"], serde_json::json!({})).unwrap();
        write_manifest(dir, &m).unwrap();
    }

    fn staged(target: &Path, content: &str) -> Staging {
        let s = Staging::new(target, Kind::Run).unwrap();
        fs::write(s.path("a.csv"), content).unwrap();
        let m = manifest(Kind::Run, "x", s.dir(), &["a.csv"], serde_json::json!({})).unwrap();
        write_manifest(s.dir(), &m).unwrap();
        s
    }

    fn content(target: &Path) -> String {
        fs::read_to_string(target.join("a.csv")).unwrap()
    }

    #[test]
    fn slugs_stay_inside_their_folder() {
        assert_eq!(slug("x/../../../../victim"), "x-victim");
        assert_eq!(slug("/etc"), "etc");
        assert_eq!(slug(""), "unnamed");
        assert_eq!(slug(".."), "unnamed");
        assert_eq!(slug("Wijk Oost — 2026"), "wijk-oost-2026");
        assert_eq!(slug("Ölçü Ş"), "ölçü-ş");
        assert_eq!(slug(&"a".repeat(500)).chars().count(), SLUG_CHARS_MAX);
    }

    #[test]
    fn an_interrupted_exchange_leaves_the_complete_new_folder_and_is_cleaned_next_time() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("t");
        folder(&target, Kind::Run, "x", "old");
        staged(&target, "new")
            .commit_until(Swap::Best, Some(Step::NewInPlace))
            .unwrap();
        assert_eq!(content(&target), "new");
        // The leftover (holding the old folder) belongs to this very process, so it is
        // reported, not removed; a leftover of a dead process is removed.
        let pid = std::process::id();
        let leftover = d.path().join(format!(".t.tmp-{pid}"));
        assert!(leftover.exists());
        let dead = d.path().join(".t.tmp-4000000000");
        fs::rename(&leftover, &dead).unwrap();
        let notes = recover(&target);
        assert!(notes[0].contains("removed"), "{notes:?}");
        assert!(!dead.exists());
        assert_eq!(content(&target), "new");
    }

    #[test]
    fn an_interrupted_fallback_is_restored_by_the_next_run() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("t");
        folder(&target, Kind::Run, "x", "old");
        staged(&target, "new")
            .commit_until(Swap::Fallback, Some(Step::OldMovedAside))
            .unwrap();
        // Killed between the two renames: the target is missing, the old folder aside.
        assert!(!target.exists());
        let aside = d.path().join(format!(".t.old-{}", std::process::id()));
        let dead = d.path().join(".t.old-4000000001");
        fs::rename(&aside, &dead).unwrap();
        // The next run puts the complete old folder back before anything else.
        let s = staged(&target, "newer");
        assert!(
            s.notes.iter().any(|n| n.contains("restored")),
            "{:?}",
            s.notes
        );
        assert_eq!(content(&target), "old");
        s.commit_until(Swap::Fallback, None).unwrap();
        assert_eq!(content(&target), "newer");
        let left: Vec<String> = list_dir(d.path()).unwrap();
        assert_eq!(left, vec!["t".to_string()], "no leftovers");
    }

    #[test]
    fn a_fallback_interrupted_after_the_new_folder_is_in_leaves_the_new_one() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("t");
        folder(&target, Kind::Run, "x", "old");
        staged(&target, "new")
            .commit_until(Swap::Fallback, Some(Step::NewInPlace))
            .unwrap();
        assert_eq!(content(&target), "new");
        let aside = d.path().join(format!(".t.old-{}", std::process::id()));
        fs::rename(&aside, d.path().join(".t.old-4000000002")).unwrap();
        let notes = recover(&target);
        assert!(notes[0].contains("removed"), "{notes:?}");
        assert_eq!(content(&target), "new");
    }

    #[test]
    fn both_swaps_replace_a_folder_of_ours() {
        for swap in [Swap::Best, Swap::Fallback] {
            let d = tempfile::tempdir().unwrap();
            let target = d.path().join("t");
            folder(&target, Kind::Run, "x", "old");
            staged(&target, "new").commit_until(swap, None).unwrap();
            assert_eq!(content(&target), "new");
            assert_eq!(list_dir(d.path()).unwrap(), vec!["t".to_string()]);
        }
    }

    #[test]
    fn folders_not_ours_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("file");
        fs::write(&file, "precious").unwrap();
        assert!(check_target(&file, Kind::Run).is_err());
        let foreign = d.path().join("foreign");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("thesis.tex"), "x").unwrap();
        assert!(check_target(&foreign, Kind::Run).is_err());
        let run = d.path().join("run");
        folder(&run, Kind::Run, "x", "a");
        assert!(check_target(&run, Kind::Compare).is_err());
        assert!(matches!(
            check_target(&run, Kind::Run),
            Ok(Existing::Ours(_))
        ));
        fs::write(run.join("notes.txt"), "mine").unwrap();
        let e = check_target(&run, Kind::Run).unwrap_err();
        assert!(e.message.contains("notes.txt"), "{e}");
        assert_eq!(
            check_target(&d.path().join("none"), Kind::Run),
            Ok(Existing::Absent)
        );
    }

    #[test]
    fn two_names_with_one_slug_get_two_folders() {
        let d = tempfile::tempdir().unwrap();
        let (a, note) = default_target(d.path(), Kind::Run, "Wijk A").unwrap();
        assert!(note.is_none());
        folder(&a, Kind::Run, "Wijk A", "1");
        let (b, note) = default_target(d.path(), Kind::Run, "wijk-a").unwrap();
        assert_eq!(b, d.path().join("wijk-a-2"));
        assert!(note.unwrap().contains("wijk-a-2"));
        // The same name finds its own folder again.
        assert_eq!(default_target(d.path(), Kind::Run, "Wijk A").unwrap().0, a);
    }
}
