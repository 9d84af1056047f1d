use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::store::backup;

use super::{db_path, open};

pub fn backup(db: &Option<PathBuf>, file: &Path) -> Result<ExitCode> {
    let archive = open(db)?;
    archive.backup_to(file)?;
    println!(
        "backed up {} items to {}",
        archive.item_count()?,
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(db: &Option<PathBuf>, file: &Path) -> Result<ExitCode> {
    let target = db_path(db)?;
    let kept = backup::restore(file, &target)?;
    println!("restored {} from {}", target.display(), file.display());
    if let Some(kept) = kept {
        println!("the archive it replaced is kept as {}", kept.display());
    }
    Ok(ExitCode::SUCCESS)
}
