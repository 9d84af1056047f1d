//! How long a brief of 500 items takes in every format (build from the archive, render,
//! write). Target: at most 2 s per format.
//!
//! `cargo run --release -p counterpoint-core --example bench_brief [-- OUT_DIR]`: with an
//! OUT_DIR the four files are kept there for a look.

use std::time::Instant;

use counterpoint_core::brief::{self, BriefMeta, Format};
use counterpoint_core::model::{
    tagged_text, CountryTag, NewSource, SourceKind, Span, Stance, Tagging, Voices,
};
use counterpoint_core::store::{Archive, NewItem};

const ITEMS: usize = 500;

const COUNTRIES: [(&str, &str); 10] = [
    ("TR", "Türkiye"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("ES", "Spain"),
    ("BE", "Belgium"),
    ("NL", "Netherlands"),
    ("IT", "Italy"),
    ("GR", "Greece"),
    ("PL", "Poland"),
    ("EU", "European Union"),
];

const GOVERNMENT: [&str; 5] = [
    "The interior ministry said border controls in Şanlıurfa would be reinforced until further notice.",
    "Le ministère de l'Intérieur a affirmé que les réfugiés seraient relogés d'ici la fin du mois.",
    "Das Innenministerium erklärte, Flüchtlinge ohne Papiere würden künftig zurückgewiesen.",
    "El Gobierno aseguró que la acogida de menores se repartirá entre las comunidades autónomas.",
    "De minister zei dat de asielwet de instroom moet beperken.",
];

const NGO: [&str; 5] = [
    "Amnesty International warned that the returns breach the principle of non-refoulement.",
    "La Cimade dénonce des expulsions répétées sans solution d'hébergement pour les familles.",
    "Pro Asyl kritisierte, dass Schutzsuchende ohne Anhörung abgewiesen würden.",
    "CEAR alertó de que cientos de personas duermen en la calle tras ser excluidas del sistema.",
    "Vluchtelingenwerk vreest voor de rechten van asielzoekers, zegt de organisatie.",
];

fn item(i: usize) -> NewItem {
    let lang = ["en", "fr", "de", "es", "nl"][i % 5];
    let title = format!(
        "{} — Kılıçdaroğlu, ministers and NGOs on asylum policy, day {} ({lang})",
        COUNTRIES[i % COUNTRIES.len()].1,
        i
    );
    let gov = GOVERNMENT[i % 5];
    let ngo = NGO[(i / 2) % 5];
    let text = format!("{gov} Officials gave few details about the timetable. {ngo} More reporting follows in the coming days.");
    let full = tagged_text(&title, &text);
    let span = |needle: &str| {
        let start = full[..full.find(needle).unwrap()].chars().count();
        Span {
            start,
            end: start + needle.chars().count(),
            text: needle.to_string(),
        }
    };
    let (g, n) = match i % 4 {
        0 => (vec![span(gov)], vec![span(ngo)]),
        1 => (vec![span(gov)], vec![]),
        2 => (vec![], vec![span(ngo)]),
        _ => (vec![], vec![]),
    };
    let countries = (0..1 + i % 3)
        .map(|k| {
            let (code, name) = COUNTRIES[(i + k * 3) % COUNTRIES.len()];
            CountryTag {
                code: code.into(),
                name: name.into(),
                score: 0.8,
                focus: k == 0,
                evidence: vec![],
            }
        })
        .collect();
    NewItem {
        key: format!("bench-{i}"),
        title,
        url: Some(format!(
            "https://news.example.org/{lang}/article-{i}?ref=feed&id={i}"
        )),
        author: None,
        published: Some(1_740_000_000 + i as i64 * 3_600),
        language: Some(lang.into()),
        summary: None,
        content_html: None,
        content_text: text.clone(),
        full_text: true,
        extract_error: None,
        entry_hash: format!("h{i}"),
        tagging: Tagging {
            language: lang.into(),
            countries,
            stance: Stance::from_voices(!g.is_empty(), !n.is_empty()),
            voices: Voices {
                government: g,
                ngo_concern: n,
            },
        },
        tagger_version: 1,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let keep = std::env::args().nth(1).map(std::path::PathBuf::from);
    let dir = tempfile::tempdir()?;
    let out_dir = keep.clone().unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&out_dir)?;

    let mut archive = Archive::open(dir.path().join("bench.db"))?;
    let source = archive.add_source(&NewSource {
        url: "https://news.example.org/feed.xml".into(),
        name: Some("Bench Wire".into()),
        kind: SourceKind::Media,
        ..Default::default()
    })?;
    let items: Vec<NewItem> = (0..ITEMS).map(item).collect();
    archive.store_items(source.id, &items, None)?;
    let ids: Vec<i64> = archive
        .connection()
        .prepare("SELECT id FROM items ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids.iter().step_by(7) {
        archive.set_note(*id, "Check the figures with the desk before quoting.")?;
    }
    let meta = BriefMeta {
        title: "Benchmark brief: 500 items".into(),
        scope: "All items".into(),
        since: None,
        until: None,
        generated_at: 1_743_499_800,
    };

    println!("brief of {} items", ids.len());
    let mut figures = serde_json::Map::new();
    for format in Format::ALL {
        let path = out_dir.join(format!("bench_brief.{format}"));
        let start = Instant::now();
        brief::write_brief(&archive, &ids, &meta, format, &path)?;
        let secs = start.elapsed().as_secs_f64();
        let size = std::fs::metadata(&path)?.len();
        println!(
            "  {:<5} {:>7.3} s  {:>9} bytes",
            format.as_str(),
            secs,
            size
        );
        figures.insert(
            format.as_str().to_string(),
            serde_json::json!({ "seconds": secs, "bytes": size }),
        );
    }
    let json = serde_json::json!({ "items": ids.len(), "formats": figures });
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bench");
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        format!("{dir}/brief.json"),
        serde_json::to_string_pretty(&json)?,
    )?;
    if let Some(keep) = keep {
        println!("files kept in {}", keep.display());
    }
    Ok(())
}
