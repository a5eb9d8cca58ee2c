//! Output folders that are never half-overwritten: a run writes into a fresh sibling
//! folder and swaps it into place only when every file is complete.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A folder being written; becomes `target` on [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder next to `target` (the parent is created if needed).
    pub fn new(target: &Path) -> io::Result<Staging> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "out".to_string());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir(&tmp)?;
        Ok(Staging {
            target: target.to_path_buf(),
            tmp,
            committed: false,
        })
    }

    /// Path of a file inside the staging folder.
    pub fn path(&self, file: &str) -> PathBuf {
        self.tmp.join(file)
    }

    /// Swaps the finished folder into place. An earlier folder at `target` is moved aside
    /// first and removed only after the new one is in place, so at every moment either the
    /// old or the new complete folder exists.
    pub fn commit(mut self) -> io::Result<PathBuf> {
        let parent = self.tmp.parent().unwrap_or(Path::new(".")).to_path_buf();
        let old = parent.join(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            // The new folder is in place: failing to delete the old one loses nothing.
            let _ = fs::remove_dir_all(&old);
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}
