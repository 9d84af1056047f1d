//! Counterpoint's desktop app: a thin Tauri shell over `counterpoint_core`.
//!
//! [`setup`] registers the plugins, the state and every IPC command on a builder of any
//! runtime, so the commands are unit-tested on Tauri's mock runtime without a window;
//! [`run`] adds the real window and starts the event loop.

pub mod command_names;
pub mod commands;
pub mod dto;
pub mod error;
pub mod state;

use tauri::{Builder, Runtime, WebviewUrl, WebviewWindowBuilder};

pub use error::{Error, Result};
pub use state::AppState;

/// Registers plugins, state and commands. Generic over the runtime for the mock-runtime tests.
pub fn setup<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::sources::list_sources,
            commands::sources::add_source,
            commands::sources::update_source,
            commands::sources::remove_source,
            commands::sources::suggested_sources,
            commands::sources::import_opml,
            commands::sources::export_opml,
            commands::refresh::refresh,
            commands::items::list_items,
            commands::items::count_items,
            commands::items::get_item,
            commands::items::set_item_state,
            commands::items::set_note,
            commands::items::pinned_items,
            commands::export::export_brief,
            commands::export::brief_preview,
            commands::items::open_link,
            commands::dashboard::country_stats,
            commands::dashboard::country_timeline,
            commands::dashboard::country_latest,
            commands::items::search,
            commands::watches::list_watches,
            commands::watches::save_watch,
            commands::watches::delete_watch,
            commands::watches::open_watch,
        ])
}

/// Whether the window may navigate to `url`: only to the app's own pages. Feed content is
/// rendered in this window; a link in it that slipped past every other guard still cannot
/// take the window (and its IPC access) to a page someone else wrote.
pub fn is_app_url(url: &url::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Starts the app: opens the archive, the window and the event loop.
pub fn run() {
    // WebKitGTK composites pages through OpenGL by default, which on Linux loads the whole GL
    // stack (Mesa, LLVM) into the web process: 110 MB of its 307 MB resident at a million
    // items. This interface is plain scrolling text and needs none of it, and without it the
    // list also scrolled faster. A value the user set for the variable is left alone.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let state = match AppState::open_from_env() {
        Ok(state) => state,
        Err(e) => {
            eprintln!("counterpoint-app: {e}");
            std::process::exit(1);
        }
    };
    setup(tauri::Builder::default(), state)
        .setup(|app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Counterpoint")
                .inner_size(1280.0, 800.0)
                .min_inner_size(800.0, 500.0)
                .on_navigation(is_app_url)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the event loop failed");
}
