//! Files the analyst writes out: briefs and OPML. The native dialog runs in Rust, so the
//! webview never holds a file path it could abuse, nor the permission to open dialogs.

use std::path::PathBuf;

use counterpoint_core::brief::{self, BriefMeta, Format};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::state::AppState;

/// Asks for a file to read. `Cancelled` when the dialog is closed.
pub async fn ask_open_path<R: Runtime>(
    app: &AppHandle<R>,
    filter: &str,
    extensions: &[&str],
) -> Result<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .pick_file(move |path| {
            let _ = tx.send(path);
        });
    chosen_path(rx).await
}

/// The path the dialog answered with; `Cancelled` when it was closed.
async fn chosen_path(
    rx: tokio::sync::oneshot::Receiver<Option<tauri_plugin_dialog::FilePath>>,
) -> Result<PathBuf> {
    let chosen = rx
        .await
        .map_err(|_| Error::Cancelled)?
        .ok_or(Error::Cancelled)?;
    chosen
        .into_path()
        .map_err(|e| Error::InvalidInput(format!("not a local file: {e}")))
}

/// Where to write a file: the e2e folder when one is set, else the user's choice in the native
/// save dialog.
async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
) -> Result<PathBuf> {
    if let Some(dir) = &state.save_dir {
        return Ok(dir.join(file_name));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .set_file_name(file_name)
        .save_file(move |path| {
            let _ = tx.send(path);
        });
    chosen_path(rx).await
}

/// Asks where to save and writes `bytes` there atomically.
pub async fn save_bytes<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
    bytes: &[u8],
) -> Result<PathBuf> {
    let path = ask_save_path(app, state, file_name, filter, extensions).await?;
    // The core's atomic write: a fresh temporary file beside the target, synced, renamed.
    counterpoint_core::files::write_atomically(&path, bytes)?;
    Ok(path)
}

fn meta(title: &str) -> BriefMeta {
    BriefMeta {
        title: Some(title.trim())
            .filter(|t| !t.is_empty())
            .unwrap_or("Briefing note")
            .to_string(),
        scope: "Pinned items".into(),
        since: None,
        until: None,
        generated_at: chrono::Utc::now().timestamp(),
    }
}

/// The brief of the pinned items as Markdown, for the preview pane (shown as text, so nothing
/// in it can be markup).
#[tauri::command]
pub async fn brief_preview(state: State<'_, AppState>, title: String) -> Result<String> {
    let archive = state.archive.lock()?;
    let ids = archive.pinned_ids()?;
    let brief = brief::build(&archive, &ids, &meta(&title))?;
    let bytes = brief::render(&brief, Format::Markdown)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedDto {
    pub path: String,
    pub items: usize,
}

/// Writes the brief of the pinned items in `format` (md, html, docx, pdf) where the user says.
#[tauri::command]
pub async fn export_brief<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    title: String,
) -> Result<ExportedDto> {
    let format: Format = format.parse()?;
    let ids = state.archive.lock()?.pinned_ids()?;
    if ids.is_empty() {
        return Err(Error::InvalidInput(
            "pin at least one item to make a brief".into(),
        ));
    }
    let file_name = format!(
        "counterpoint-brief-{}.{}",
        chrono::Utc::now().format("%Y-%m-%d"),
        format.as_str()
    );
    let path = ask_save_path(&app, &state, &file_name, "Brief", &[format.as_str()]).await?;
    let archive = state.archive.lock()?;
    brief::write_brief(&archive, &ids, &meta(&title), format, &path)?;
    Ok(ExportedDto {
        path: path.display().to_string(),
        items: ids.len(),
    })
}
