//! Generates one `allow-…`/`deny-…` permission per app command, so the capability file can
//! grant the window exactly the commands it uses and nothing else.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(counterpoint_commands::ALL)),
    )
    .expect("tauri-build failed");
}

#[path = "src/command_names.rs"]
mod counterpoint_commands;
