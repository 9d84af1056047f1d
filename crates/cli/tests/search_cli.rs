//! `counterpoint search` and `counterpoint watch` through the real binary, on an archive built
//! in a temporary folder (no network).

use std::path::Path;
use std::process::{Command, Output};

use counterpoint_core::model::{CountryTag, NewSource, SourceKind, Stance, Tagging};
use counterpoint_core::store::{Archive, NewItem};
use serde_json::Value;

fn item(
    key: &str,
    title: &str,
    text: &str,
    date: i64,
    countries: &[&str],
    stance: Stance,
) -> NewItem {
    NewItem {
        key: key.into(),
        title: title.into(),
        url: Some(format!("https://example.org/{key}")),
        author: None,
        published: Some(date),
        language: Some("en".into()),
        summary: None,
        content_html: None,
        content_text: text.into(),
        full_text: false,
        extract_error: None,
        entry_hash: key.into(),
        tagging: Tagging {
            language: "en".into(),
            countries: countries
                .iter()
                .map(|c| CountryTag {
                    code: c.to_string(),
                    name: c.to_string(),
                    score: 1.0,
                    focus: true,
                    evidence: vec![],
                })
                .collect(),
            stance,
            voices: Default::default(),
        },
        tagger_version: 1,
    }
}

fn seed(db: &Path) -> i64 {
    let mut archive = Archive::open(db).unwrap();
    let source = archive
        .add_source(&NewSource {
            url: "https://ecre.org/feed/".into(),
            name: Some("ECRE".into()),
            kind: SourceKind::Ngo,
            language: None,
            site_url: None,
        })
        .unwrap();
    let items = [
        item(
            "a",
            "Greece pushbacks at the Turkish border",
            "NGOs report pushbacks at the Evros border with Türkiye.",
            1_741_600_000,
            &["GR", "TR"],
            Stance::Both,
        ),
        item(
            "b",
            "Réunion des ministres",
            "Les ministres se sont réunis pour parler de migration.",
            1_738_400_000,
            &["BE"],
            Stance::Government,
        ),
        item(
            "c",
            "Rescue ship detained",
            "A rescue ship was detained in Italy after a rescue.",
            1_747_700_000,
            &["IT"],
            Stance::NgoConcern,
        ),
    ];
    archive.store_items(source.id, &items, None).unwrap();
    source.id
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("COUNTERPOINT_NO_DEFAULT_SOURCES", "1")
        .env_remove("COUNTERPOINT_DB")
        .output()
        .unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn search_json_has_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    seed(&db);
    let v = json(&db, &["search", "pushbacks", "--json"]);
    assert_eq!(v["total"], 1);
    let hit = &v["hits"][0];
    for field in [
        "id",
        "title",
        "url",
        "source",
        "published",
        "language",
        "countries",
        "stance",
        "snippet",
        "score",
    ] {
        assert!(hit.get(field).is_some(), "missing {field}: {hit}");
    }
    assert_eq!(hit["title"], "Greece pushbacks at the Turkish border");
    assert_eq!(hit["source"], "ECRE");
    assert_eq!(hit["countries"], serde_json::json!(["GR", "TR"]));
    assert_eq!(hit["stance"], "both");
    assert_eq!(hit["published"], "2025-03-10T09:46:40Z");
    assert!(
        hit["snippet"].as_str().unwrap().contains("[pushbacks]"),
        "{hit}"
    );
    assert!(hit["score"].as_f64().unwrap() > 0.0);

    // Accents, filters as flags, and a query that starts with an exclusion.
    assert_eq!(json(&db, &["search", "reunion", "--json"])["total"], 1);
    assert_eq!(
        json(
            &db,
            &["search", "--country", "TR", "--country", "IT", "--json"]
        )["total"],
        2
    );
    assert_eq!(
        json(&db, &["search", "--stance", "government", "--json"])["total"],
        2
    );
    assert_eq!(json(&db, &["search", "-pushbacks", "--json"])["total"], 2);
    assert_eq!(
        json(
            &db,
            &[
                "search",
                "rescue",
                "--since",
                "2025-05-01",
                "--until",
                "2025-05-31",
                "--json"
            ]
        )["total"],
        1
    );
    assert_eq!(
        json(
            &db,
            &["search", "rescue", "--until", "2025-05-01", "--json"]
        )["total"],
        0
    );
    assert_eq!(
        json(
            &db,
            &[
                "search",
                "--source",
                "https://ecre.org/feed/",
                "--sort",
                "date",
                "--json"
            ]
        )["hits"][0]["title"],
        "Rescue ship detained"
    );
    // Hostile input is never an error but a clear one.
    for q in [
        "\"",
        "NEAR(",
        "'; DROP TABLE items; --",
        "🙂 migration",
        "(((",
    ] {
        let out = run(&db, &["search", q, "--json"]);
        assert!(
            matches!(out.status.code(), Some(0) | Some(2)),
            "{q:?}: {out:?}"
        );
    }
    assert_eq!(json(&db, &["search", "--json"])["total"], 3);
}

#[test]
fn query_errors_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    seed(&db);
    for args in [
        &["search", "foo:bar"][..],
        &["search", "after:2025-02-30"],
        &["search", "*"],
        &["search", "x", "--since", "tomorrow"],
        &["search", "x", "--stance", "sideways"],
        &["search", "x", "--sort", "random"],
        &["search", "x", "--source", "https://nowhere.example/feed"],
        &["watch", "add", "bad", "country:Narnia"],
    ] {
        let out = run(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let stderr = String::from_utf8_lossy(&run(&db, &["search", "foo:bar"]).stderr).to_string();
    assert!(stderr.contains("unknown field `foo:`"), "{stderr}");
}

#[test]
fn watches_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    let source = seed(&db);
    assert!(
        run(&db, &["watch", "add", "Rescues", "rescue OR pushbacks"])
            .status
            .success()
    );
    assert!(run(&db, &["watch", "add", "Türkiye", "country:TR"])
        .status
        .success());
    let list = json(&db, &["watch", "list", "--json"]);
    assert_eq!(list[0]["name"], "Rescues");
    assert_eq!(
        (list[0]["total"].as_u64(), list[0]["new"].as_u64()),
        (Some(2), Some(0))
    );
    for field in ["name", "query", "total", "new"] {
        assert!(list[0].get(field).is_some(), "{field}");
    }

    let mut archive = Archive::open(&db).unwrap();
    archive
        .store_items(
            source,
            &[item(
                "d",
                "Another rescue at sea",
                "A rescue off Lampedusa.",
                1_748_000_000,
                &["IT"],
                Stance::NgoConcern,
            )],
            None,
        )
        .unwrap();
    drop(archive);
    let list = json(&db, &["watch", "list", "--json"]);
    assert_eq!(
        (list[0]["total"].as_u64(), list[0]["new"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(list[1]["new"], 0);
    let human = String::from_utf8(run(&db, &["watch", "list"]).stdout).unwrap();
    assert!(
        human.contains("Rescues") && human.contains("1 new"),
        "{human}"
    );

    assert!(run(&db, &["watch", "seen", "Rescues"]).status.success());
    assert_eq!(json(&db, &["watch", "list", "--json"])[0]["new"], 0);
    assert!(run(&db, &["watch", "remove", "Rescues"]).status.success());
    assert_eq!(
        json(&db, &["watch", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(!run(&db, &["watch", "remove", "Rescues"]).status.success());
    assert!(!run(&db, &["watch", "add", "Türkiye", "again"])
        .status
        .success());
}

#[test]
fn human_output_is_a_readable_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    seed(&db);
    let out = run(&db, &["search", "rescue"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 result"), "{text}");
    assert!(text.contains("Rescue ship detained"), "{text}");
    assert!(text.contains("[rescue]"), "{text}");
    assert!(text.contains("ECRE"), "{text}");
    let none = String::from_utf8(run(&db, &["search", "nothingmatchesthis"]).stdout).unwrap();
    assert!(none.contains("No results"), "{none}");
}
