//! Writing the user's files safely: a temporary file beside the target, then a rename, so a
//! failure never leaves a half-written export behind.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` atomically (same folder, then rename).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(folder)?;
    tmp.1
        .write_all(bytes)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    tmp.1
        .sync_all()
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    drop(tmp.1);
    std::fs::rename(&tmp.0, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp.0);
        Error::io(format!("cannot write {}", path.display()), e)
    })
}

fn tempfile_in(folder: &Path) -> Result<(std::path::PathBuf, std::fs::File)> {
    for attempt in 0..100u32 {
        let name = format!(".counterpoint-{}-{attempt}.tmp", std::process::id());
        let candidate = folder.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Error::io(
                    format!("cannot write in {}", folder.display()),
                    e,
                ))
            }
        }
    }
    Err(Error::InvalidInput(format!(
        "cannot create a temporary file in {}",
        folder.display()
    )))
}
