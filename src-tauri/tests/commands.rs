//! The IPC commands on Tauri's mock runtime: no window, no display, the real handlers and
//! state, an archive in a temp folder and feeds from the fixture server on 127.0.0.1.

use std::path::Path;

use counterpoint_app::{setup, AppState};
use counterpoint_e2e::{fixture, FixtureServer, Route};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn harness(seed: bool) -> Harness {
    harness_in(tempfile::tempdir().unwrap(), seed)
}

/// The app on the archive `archive.db` in `dir`, which may already hold one.
fn harness_in(dir: tempfile::TempDir, seed: bool) -> Harness {
    let state = AppState::open(
        &dir.path().join("archive.db"),
        seed,
        Some(dir.path().to_path_buf()),
    )
    .unwrap();
    let app = setup(mock_builder(), state)
        .build(mock_context(noop_assets()))
        .expect("the app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        window,
        _dir: dir,
    }
}

/// Invokes a command as the webview would, and waits for its answer.
fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        use tauri::Manager;
        self._app.state::<AppState>()
    }

    fn save_dir(&self) -> &Path {
        self._dir.path()
    }
}

fn feed_server() -> (FixtureServer, String) {
    let server = FixtureServer::start();
    let url = server.route(
        "/feed.xml",
        Route::feed(fixture("feeds/ecre-wordpress.xml")),
    );
    (server, url)
}

/// The app opened on an archive whose items an older build tagged: its first refresh re-tags
/// them after the sources, says how many in the summary, and the next has none left.
#[test]
fn the_first_refresh_after_an_upgrade_re_tags_older_items() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        counterpoint_e2e::newest_fixture_archive(),
        dir.path().join("archive.db"),
    )
    .unwrap();
    let h = harness_in(dir, false);
    let (_server, url) = feed_server();
    let source = h.ok("add_source", json!({ "source": { "url": url } }));
    let id = source["id"].as_i64().unwrap();

    let summary = h.ok("refresh", json!({ "sources": [id] }));
    assert!(summary["retagged"].as_u64().unwrap() >= 3, "{summary}");
    let again = h.ok("refresh", json!({ "sources": [id] }));
    assert_eq!(again["retagged"], 0, "{again}");
}

#[test]
fn a_new_archive_is_seeded_with_the_default_sources_unless_told_not_to() {
    let seeded = harness(true);
    let names: Vec<String> = seeded
        .ok("list_sources", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"ECRE".to_string()), "{names:?}");
    assert_eq!(seeded.ok("app_info", json!({}))["firstRun"], true);

    let bare = harness(false);
    assert_eq!(bare.ok("list_sources", json!({})), json!([]));
}

#[test]
fn errors_cross_ipc_as_kind_and_message() {
    let h = harness(false);
    let err = h.call("get_item", json!({ "id": 424242 })).unwrap_err();
    assert_eq!(err["kind"], "unknown_item");
    assert!(err["message"].as_str().unwrap().contains("424242"));

    let err = h
        .call(
            "add_source",
            json!({ "source": { "url": "javascript:alert(1)" } }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid_url");

    let err = h
        .call(
            "list_items",
            json!({ "filter": { "voice": "shouting" }, "offset": 0, "limit": 10 }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid_input");

    let err = h
        .call("open_link", json!({ "url": "file:///etc/passwd" }))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid_input");
}

#[test]
fn add_refresh_list_read_pin_note_and_export() {
    let h = harness(false);
    let (_server, url) = feed_server();
    let source = h.ok("add_source", json!({ "source": { "url": url } }));
    let id = source["id"].as_i64().unwrap();

    let summary = h.ok("refresh", json!({ "sources": [id] }));
    assert!(summary["new"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(summary["errors"], 0);

    let total = h
        .ok("count_items", json!({ "filter": {} }))
        .as_i64()
        .unwrap();
    let page = h.ok(
        "list_items",
        json!({ "filter": {}, "offset": 0, "limit": 50 }),
    );
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len() as i64, total);
    let first = rows[0]["id"].as_i64().unwrap();

    let item = h.ok("get_item", json!({ "id": first }));
    assert_eq!(item["id"], first);
    assert!(item["contentText"].as_str().is_some());

    h.ok(
        "set_item_state",
        json!({ "id": first, "change": { "read": true, "starred": true, "pinned": true } }),
    );
    h.ok(
        "set_note",
        json!({ "id": first, "note": "Compare with the minister's answer." }),
    );
    let pinned = h.ok("pinned_items", json!({}));
    assert_eq!(pinned[0]["id"], first);
    assert_eq!(pinned[0]["note"], "Compare with the minister's answer.");
    let starred = h.ok("count_items", json!({ "filter": { "starredOnly": true } }));
    assert_eq!(starred, 1);

    let exported = h.ok("export_brief", json!({ "format": "md", "title": "Weekly" }));
    let path = exported["path"].as_str().unwrap();
    assert!(Path::new(path).starts_with(h.save_dir()));
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(item["title"].as_str().unwrap()), "{text}");

    let opml = h.ok("export_opml", json!({}));
    assert!(std::fs::read_to_string(opml.as_str().unwrap())
        .unwrap()
        .contains("xmlUrl"));
}

#[test]
fn a_second_refresh_while_one_runs_is_refused_as_busy() {
    let h = harness(false);
    let server = FixtureServer::start();
    let url = server.route("/slow.xml", Route::Hang);
    h.ok("add_source", json!({ "source": { "url": url } }));
    let window = h.window.clone();
    let first = std::thread::spawn(move || {
        let request = InvokeRequest {
            cmd: "refresh".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(json!({})),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        let _ = get_ipc_response(&window, request);
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let err = h.call("refresh", json!({})).unwrap_err();
    assert_eq!(err["kind"], "busy");
    drop(server);
    drop(first);
}

#[test]
fn search_and_watches() {
    let h = harness(false);
    let (_server, url) = feed_server();
    let id = h.ok("add_source", json!({ "source": { "url": url } }))["id"]
        .as_i64()
        .unwrap();
    h.ok("refresh", json!({ "sources": [id] }));
    let any = h.ok(
        "list_items",
        json!({ "filter": {}, "offset": 0, "limit": 1 }),
    );
    let title = any["rows"][0]["title"].as_str().unwrap().to_string();
    let word = title
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .unwrap_or("the")
        .to_string();

    let results = h.ok(
        "search",
        json!({ "search": { "query": word }, "offset": 0, "limit": 20 }),
    );
    assert!(results["total"].as_i64().unwrap() >= 1, "{results}");

    let err = h
        .call(
            "search",
            json!({ "search": { "query": "country:Belgium" }, "offset": 0, "limit": 20 }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "query");

    h.ok("save_watch", json!({ "name": "my watch", "query": word }));
    let watches = h.ok("list_watches", json!({}));
    assert_eq!(watches[0]["name"], "my watch");
    assert_eq!(watches[0]["new"], 0);
    h.ok("delete_watch", json!({ "name": "my watch" }));
    assert_eq!(h.ok("list_watches", json!({})), json!([]));
}

#[test]
fn a_first_page_replaced_while_it_waited_is_not_searched() {
    let h = harness(false);
    let (_server, url) = feed_server();
    let id = h.ok("add_source", json!({ "source": { "url": url } }))["id"]
        .as_i64()
        .unwrap();
    h.ok("refresh", json!({ "sources": [id] }));
    let search = |word: &'static str| {
        let window = h.window.clone();
        std::thread::spawn(move || {
            invoke(
                &window,
                "search",
                json!({ "search": { "query": word }, "offset": 0, "limit": 20 }),
            )
            .unwrap()
        })
    };
    let state = h.state();
    let waits_for = |word: &str| {
        let since = std::time::Instant::now();
        while !state.latest_search.lock().unwrap().contains(word) {
            assert!(
                since.elapsed().as_secs() < 60,
                "the search for {word} never reached the archive"
            );
            std::thread::yield_now();
        }
    };
    // Both searches queue behind a busy archive, the second typed after the first.
    let busy = state.archive.lock().unwrap();
    let first = search("asylum");
    waits_for("asylum");
    let second = search("migrants");
    waits_for("migrants");
    drop(busy);
    let (first, second) = (first.join().unwrap(), second.join().unwrap());
    assert_eq!(first["superseded"], true, "{first}");
    assert_eq!(first["rows"], json!([]));
    assert_eq!(second["superseded"], false, "{second}");
    // Asked again, the first search runs: only a newer first page replaces one.
    let again = h.ok(
        "search",
        json!({ "search": { "query": "asylum" }, "offset": 0, "limit": 20 }),
    );
    assert_eq!(again["superseded"], false);
    assert!(again["total"].as_i64().unwrap() > 0, "{again}");
}

#[test]
fn every_command_has_a_permission_and_the_capability_grants_exactly_those() {
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    for name in counterpoint_app::command_names::ALL {
        let permission = format!("allow-{}", name.replace('_', "-"));
        assert!(
            granted.contains(&permission.as_str()),
            "{permission} is not granted"
        );
    }
    let app_permissions = granted.iter().filter(|p| !p.contains(':')).count();
    assert_eq!(app_permissions, counterpoint_app::command_names::ALL.len());
    // No plugin's command is reachable from the webview: dialogs, notifications and the
    // browser are driven from Rust.
    assert!(
        granted
            .iter()
            .filter(|p| p.contains(':'))
            .all(|p| p.starts_with("core:event:")),
        "{granted:?}"
    );
}

#[test]
fn the_window_stays_on_the_app_pages() {
    use counterpoint_app::is_app_url;
    assert!(is_app_url(&"tauri://localhost/index.html".parse().unwrap()));
    assert!(is_app_url(&"http://tauri.localhost/".parse().unwrap()));
    assert!(!is_app_url(&"https://evil.example/".parse().unwrap()));
    assert!(!is_app_url(&"javascript:alert(1)".parse().unwrap()));
    assert!(!is_app_url(&"file:///etc/passwd".parse().unwrap()));
}
