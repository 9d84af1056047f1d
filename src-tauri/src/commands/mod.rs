//! The IPC commands, one module per area of the window. Each is a thin layer: it turns DTOs
//! into core calls and core results into DTOs. Commands are `async` so that they run on the
//! async runtime's threads, never on the thread that draws the window.

pub mod dashboard;
pub mod export;
pub mod items;
pub mod refresh;
pub mod sources;
pub mod watches;

use tauri::State;

use crate::dto::AppInfo;
use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    let archive = state.archive.lock()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        db_path: state.db_path.display().to_string(),
        items: archive.item_count()?,
        first_run: state.first_run,
    })
}
