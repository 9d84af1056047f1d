//! `brief`, `pin`, `unpin`, `pins` and `note` through the real binary, on an archive filled
//! through the core library (no network).

use std::path::Path;
use std::process::{Command, Output};

use counterpoint_core::model::{
    tagged_text, CountryTag, NewSource, SourceKind, Span, Stance, Tagging, Voices,
};
use counterpoint_core::store::{Archive, NewItem, UpsertOutcome};

fn counterpoint(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
        .env_remove("COUNTERPOINT_DB")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn item(
    key: &str,
    title: &str,
    text: &str,
    code: &str,
    government: Option<&str>,
    ngo: Option<&str>,
) -> NewItem {
    let full = tagged_text(title, text);
    let span = |needle: &str| {
        let start = full[..full.find(needle).unwrap()].chars().count();
        Span {
            start,
            end: start + needle.chars().count(),
            text: needle.to_string(),
        }
    };
    let government: Vec<Span> = government.map(span).into_iter().collect();
    let ngo: Vec<Span> = ngo.map(span).into_iter().collect();
    NewItem {
        key: key.into(),
        title: title.into(),
        url: Some(format!("https://example.org/{key}")),
        author: None,
        published: Some(1_741_608_000),
        language: Some("en".into()),
        summary: None,
        content_html: None,
        content_text: text.into(),
        full_text: false,
        extract_error: None,
        entry_hash: key.into(),
        tagging: Tagging {
            language: "en".into(),
            countries: vec![CountryTag {
                code: code.into(),
                name: code.into(),
                score: 0.9,
                focus: true,
                evidence: vec![],
            }],
            stance: Stance::from_voices(!government.is_empty(), !ngo.is_empty()),
            voices: Voices {
                government,
                ngo_concern: ngo,
            },
        },
        tagger_version: 1,
    }
}

/// An archive with three items; returns their ids.
fn seed(db: &Path) -> Vec<i64> {
    let mut archive = Archive::open(db).unwrap();
    let source = archive
        .add_source(&NewSource {
            url: "https://example.org/feed.xml".into(),
            name: Some("Example Wire".into()),
            kind: SourceKind::Media,
            ..Default::default()
        })
        .unwrap();
    let items = [
        item(
            "a",
            "Türkiye tightens border checks",
            "The ministry said checks would double. Amnesty warned of pushbacks.",
            "TR",
            Some("The ministry said checks would double."),
            Some("Amnesty warned of pushbacks."),
        ),
        item(
            "b",
            "Réfugiés à Calais",
            "La Cimade dénonce les expulsions.",
            "FR",
            None,
            Some("La Cimade dénonce les expulsions."),
        ),
        item(
            "c",
            "Flüchtlinge in Berlin",
            "Zahlen der Woche.",
            "DE",
            None,
            None,
        ),
    ];
    archive
        .store_items(source.id, &items, None)
        .unwrap()
        .into_iter()
        .map(|o| match o {
            UpsertOutcome::New(id) => id,
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn pin_note_and_brief_the_pinned_items() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    let ids = seed(&db);
    let (a, c) = (ids[0].to_string(), ids[2].to_string());

    assert!(counterpoint(&db, &["pin", &c]).status.success());
    assert!(counterpoint(&db, &["pin", &a]).status.success());
    let o = counterpoint(&db, &["note", &a, "Ask the ministry for figures."]);
    assert!(o.status.success(), "{o:?}");

    let o = counterpoint(&db, &["pins", "--json"]);
    assert!(o.status.success());
    let pins: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed: Vec<i64> = pins
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&ids[0]) && listed.contains(&ids[2]));
    let pinned_a = pins
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == ids[0])
        .unwrap();
    assert_eq!(pinned_a["note"], "Ask the ministry for figures.");

    let show: serde_json::Value =
        serde_json::from_slice(&counterpoint(&db, &["show", &a, "--json"]).stdout).unwrap();
    assert_eq!(show["pinned"], true);
    assert_eq!(show["note"], "Ask the ministry for figures.");

    let out = dir.path().join("brief.md");
    let o = counterpoint(
        &db,
        &[
            "brief",
            "--pinned",
            "--title",
            "Weekly brief",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("2 items"));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Weekly brief"));
    assert!(md.contains("Pinned items"));
    assert!(md.contains("Türkiye tightens border checks"));
    assert!(md.contains("Flüchtlinge in Berlin"));
    assert!(
        !md.contains("Réfugiés à Calais"),
        "an unpinned item was briefed"
    );
    assert!(md.contains("Ask the ministry for figures."));

    // Every format by extension; the file is exactly the one named.
    for ext in ["html", "docx", "pdf"] {
        let out = dir.path().join(format!("brief.{ext}"));
        let o = counterpoint(&db, &["brief", "--pinned", "--out", out.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(std::fs::metadata(&out).unwrap().len() > 0);
    }
    // --format wins over the extension.
    let out = dir.path().join("brief.txt");
    assert!(counterpoint(
        &db,
        &[
            "brief",
            "--pinned",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap()
        ]
    )
    .status
    .success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));

    // Unpin and remove the note.
    assert!(counterpoint(&db, &["unpin", &c]).status.success());
    assert!(counterpoint(&db, &["note", &a, ""]).status.success());
    let pins: serde_json::Value =
        serde_json::from_slice(&counterpoint(&db, &["pins", "--json"]).stdout).unwrap();
    assert_eq!(pins.as_array().unwrap().len(), 1);
    assert!(pins[0]["note"].is_null());
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    seed(&db);
    let out = dir.path().join("brief.odt");
    let o = counterpoint(&db, &["brief", "--pinned", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format"));
    let o = counterpoint(
        &db,
        &[
            "brief",
            "--pinned",
            "--format",
            "rtf",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let md = dir.path().join("b.md");
    let o = counterpoint(
        &db,
        &[
            "brief",
            "--since",
            "last week",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists() && !md.exists());
    // An unknown item is a failure, not a usage error.
    assert_eq!(counterpoint(&db, &["pin", "999999"]).status.code(), Some(1));
    assert_eq!(
        counterpoint(&db, &["note", "999999", "x"]).status.code(),
        Some(1)
    );
}

#[test]
fn an_empty_pin_list_still_makes_a_brief() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    seed(&db);
    let out = dir.path().join("empty.html");
    let o = counterpoint(&db, &["brief", "--pinned", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("No items matched"));
}

#[test]
fn brief_by_query_and_filters_as_search_takes_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    seed(&db);
    let out = dir.path().join("ngo.md");
    let o = counterpoint(
        &db,
        &[
            "brief",
            "--stance",
            "ngo_concern",
            "--title",
            "NGO concerns this week",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("All items · stance ngo\\_concern"), "{md}");
    // The Turkish item carries both voices, the French one an NGO concern; the German one neither.
    assert!(md.contains("Türkiye tightens border checks"));
    assert!(md.contains("Réfugiés à Calais"));
    assert!(!md.contains("Flüchtlinge in Berlin"));

    let out = dir.path().join("fr.html");
    let o = counterpoint(
        &db,
        &[
            "brief",
            "Calais",
            "--country",
            "FR",
            "--since",
            "2025-03-01",
            "--until",
            "2025-03-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Réfugiés à Calais"));
    assert!(!html.contains("Türkiye tightens border checks"));
    assert!(
        html.contains("2025-03-01 to 2025-03-31"),
        "the period asked for is shown"
    );

    // A query matching nothing still makes a brief that says so.
    let out = dir.path().join("none.md");
    let o = counterpoint(
        &db,
        &[
            "brief",
            "nothingmatchesthis",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("No items matched"));

    // --pinned with a query is a usage error; so is a malformed query or an unknown stance.
    let o = counterpoint(
        &db,
        &[
            "brief",
            "--pinned",
            "Calais",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = counterpoint(
        &db,
        &[
            "brief",
            "--stance",
            "sideways",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
}
