//! Measures the tagger on labeled JSONL files (the format of `tests/data/tagging/dev.jsonl`).
//!
//! ```text
//! cargo run --release -p counterpoint-core --example eval -- [--errors] [FILES...]
//! ```
//!
//! Prints, per file and overall, for the tagger and for a naive baseline side by side:
//! country precision, recall and micro-F1; focus accuracy; stance accuracy; and F1 of the two
//! voices. Definitions:
//! - focus top-1: the tagger's first focus country equals the first labeled focus country
//!   (an item with no labeled focus counts when the tagger gives none either);
//! - focus set: the tagger's focus set equals the labeled set, order ignored;
//! - government voice present = stance in {government, both}; NGO voice likewise.
//!
//! The baseline matches CLDR country names (and the gazetteer's curated aliases) as exact,
//! case-insensitive whole words, takes the most mentioned country as focus, and gives stance
//! from the source kind alone (ngo → ngo_concern, government → government, else neither).
//! `--errors` lists every item the tagger gets wrong.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use counterpoint_core::model::{SourceKind, Stance, Tagging};
use counterpoint_core::tag::gazetteer::{gazetteer, Kind};
use counterpoint_core::tag::normalize::{fold, is_word_byte};
use counterpoint_core::tag::{tag, TagInput};
use serde_json::Value;

struct Item {
    id: String,
    language: String,
    source_kind: SourceKind,
    title: String,
    text: String,
    countries: BTreeSet<String>,
    focus: Vec<String>,
    stance: Stance,
}

#[derive(Default, Clone)]
struct Score {
    n: usize,
    tp: usize,
    fp: usize,
    fneg: usize,
    focus_top: usize,
    focus_set: usize,
    stance: usize,
    gov: [usize; 3],
    ngo: [usize; 3],
}

impl Score {
    fn add(&mut self, item: &Item, countries: &BTreeSet<String>, focus: &[String], stance: Stance) {
        self.n += 1;
        self.tp += countries.intersection(&item.countries).count();
        self.fp += countries.difference(&item.countries).count();
        self.fneg += item.countries.difference(countries).count();
        if focus.first() == item.focus.first() {
            self.focus_top += 1;
        }
        let a: BTreeSet<_> = focus.iter().collect();
        let b: BTreeSet<_> = item.focus.iter().collect();
        if a == b {
            self.focus_set += 1;
        }
        if stance == item.stance {
            self.stance += 1;
        }
        count(
            &mut self.gov,
            stance.has_government(),
            item.stance.has_government(),
        );
        count(
            &mut self.ngo,
            stance.has_ngo_concern(),
            item.stance.has_ngo_concern(),
        );
    }

    fn merge(&mut self, o: &Score) {
        self.n += o.n;
        self.tp += o.tp;
        self.fp += o.fp;
        self.fneg += o.fneg;
        self.focus_top += o.focus_top;
        self.focus_set += o.focus_set;
        self.stance += o.stance;
        for i in 0..3 {
            self.gov[i] += o.gov[i];
            self.ngo[i] += o.ngo[i];
        }
    }

    fn figures(&self) -> [f64; 8] {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fneg);
        let n = self.n;
        [
            p,
            r,
            f1(p, r),
            ratio(self.focus_top, n),
            ratio(self.focus_set, n),
            ratio(self.stance, n),
            vf1(&self.gov),
            vf1(&self.ngo),
        ]
    }
}

/// Counts true positives, false positives and false negatives of one voice.
fn count(c: &mut [usize; 3], got: bool, want: bool) {
    match (got, want) {
        (true, true) => c[0] += 1,
        (true, false) => c[1] += 1,
        (false, true) => c[2] += 1,
        _ => {}
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn vf1(c: &[usize; 3]) -> f64 {
    f1(ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]))
}

fn load(path: &str) -> Vec<Item> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let codes = |k: &str| -> Vec<String> {
                v["labels"][k]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            Item {
                id: s("id"),
                language: s("language"),
                source_kind: s("source_kind").parse().unwrap_or_default(),
                title: s("title"),
                text: s("text"),
                countries: codes("countries").into_iter().collect(),
                focus: codes("focus_countries"),
                stance: v["labels"]["stance"]
                    .as_str()
                    .unwrap_or("neither")
                    .parse()
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The naive baseline: CLDR names as exact case-insensitive whole words.
fn baseline(item: &Item) -> (BTreeSet<String>, Vec<String>, Stance) {
    let g = gazetteer();
    let text = fold(&format!("{}\n\n{}", item.title, item.text));
    let bytes = text.as_bytes();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (s, e, pattern) in g.automaton.iter(&text) {
        if (s > 0 && is_word_byte(bytes[s - 1])) || (e < bytes.len() && is_word_byte(bytes[e])) {
            continue;
        }
        if let Some(en) = g.entries[pattern]
            .iter()
            .find(|en| matches!(en.kind, Kind::Name | Kind::Short))
        {
            *counts.entry(en.code).or_default() += 1;
        }
    }
    let focus = counts
        .iter()
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        .map(|(c, _)| c.to_string());
    let stance = match item.source_kind {
        SourceKind::Ngo => Stance::NgoConcern,
        SourceKind::Government => Stance::Government,
        _ => Stance::Neither,
    };
    (
        counts.keys().map(|c| c.to_string()).collect(),
        focus.into_iter().collect(),
        stance,
    )
}

fn run(item: &Item) -> Tagging {
    tag(&TagInput {
        title: &item.title,
        text: &item.text,
        language_hint: Some(&item.language),
        source_kind: item.source_kind,
    })
}

fn print_row(name: &str, who: &str, s: &Score) {
    let f = s.figures();
    println!(
        "{name:<12} {who:<8} {:>4} {:>6.3} {:>6.3} {:>6.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
        s.n, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    // Lists the items whose first focus country differs from the label, with the scores.
    let focus_errors = args.iter().any(|a| a == "--focus");
    // Lists the items whose focus set differs from the label (order ignored).
    let focus_sets = args.iter().any(|a| a == "--focus-sets");
    let mut files: Vec<String> = args.into_iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tagging");
        files = vec![
            format!("{dir}/dev.jsonl"),
            format!("{dir}/own.jsonl"),
            format!("{dir}/heldout.jsonl"),
            format!("{dir}/heldout2.jsonl"),
            format!("{dir}/heldout3.jsonl"),
            format!("{dir}/heldout4.jsonl"),
            format!("{dir}/heldout5.jsonl"),
            format!("{dir}/heldout6.jsonl"),
            format!("{dir}/heldout7.jsonl"),
            format!("{dir}/heldout8.jsonl"),
            format!("{dir}/heldout9.jsonl"),
            format!("{dir}/heldout10.jsonl"),
            format!("{dir}/heldout11.jsonl"),
            format!("{dir}/heldout12.jsonl"),
            format!("{dir}/heldout13.jsonl"),
            format!("{dir}/heldout14.jsonl"),
            format!("{dir}/heldout15.jsonl"),
            format!("{dir}/heldout16.jsonl"),
            format!("{dir}/heldout17.jsonl"),
            format!("{dir}/heldout18.jsonl"),
            format!("{dir}/heldout19.jsonl"),
            format!("{dir}/heldout20.jsonl"),
            format!("{dir}/heldout21.jsonl"),
            format!("{dir}/heldout22.jsonl"),
            format!("{dir}/heldout23.jsonl"),
            format!("{dir}/heldout24.jsonl"),
            format!("{dir}/heldout25.jsonl"),
        ];
        files.retain(|f| std::path::Path::new(f).exists());
    }
    println!(
        "{:<12} {:<8} {:>4} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "file", "who", "n", "P", "R", "F1", "foc@1", "focset", "stance", "govF1", "ngoF1"
    );
    let (mut all_t, mut all_b) = (Score::default(), Score::default());
    let mut all_items = Vec::new();
    for file in &files {
        let items = load(file);
        let (mut t, mut b) = (Score::default(), Score::default());
        for item in &items {
            let got = run(item);
            let countries: BTreeSet<String> =
                got.countries.iter().map(|c| c.code.clone()).collect();
            let focus: Vec<String> = got
                .countries
                .iter()
                .filter(|c| c.focus)
                .map(|c| c.code.clone())
                .collect();
            t.add(item, &countries, &focus, got.stance);
            let (bc, bf, bs) = baseline(item);
            b.add(item, &bc, &bf, bs);
            let set_differs = || {
                let a: BTreeSet<&String> = focus.iter().collect();
                let b: BTreeSet<&String> = item.focus.iter().collect();
                a != b
            };
            if (focus_errors && focus.first() != item.focus.first())
                || (focus_sets && set_differs())
            {
                let scores: Vec<String> = got
                    .countries
                    .iter()
                    .map(|c| format!("{}:{:.2}", c.code, c.score))
                    .collect();
                println!(
                    "FOCUS {} got {:?} want {:?} scores {}",
                    item.id,
                    focus,
                    item.focus,
                    scores.join(" ")
                );
            }
            if errors && (countries != item.countries || got.stance != item.stance) {
                let missing: Vec<_> = item.countries.difference(&countries).collect();
                let extra: Vec<_> = countries.difference(&item.countries).collect();
                println!(
                    "ERR {} [{} {}] missing {:?} extra {:?} stance {} (want {}) gov {} ngo {}",
                    item.id,
                    item.language,
                    item.source_kind,
                    missing,
                    extra,
                    got.stance,
                    item.stance,
                    got.voices.government.len(),
                    got.voices.ngo_concern.len()
                );
                for c in got.countries.iter().filter(|c| extra.contains(&&c.code)) {
                    println!(
                        "    extra {} from {:?}",
                        c.code,
                        c.evidence
                            .iter()
                            .map(|s| s.text.as_str())
                            .collect::<Vec<_>>()
                    );
                }
                if got.stance != item.stance {
                    for s in &got.voices.government {
                        println!("    gov: {}", s.text);
                    }
                    for s in &got.voices.ngo_concern {
                        println!("    ngo: {}", s.text);
                    }
                }
            }
        }
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        print_row(&name, "tagger", &t);
        print_row(&name, "baseline", &b);
        all_t.merge(&t);
        all_b.merge(&b);
        all_items.extend(items);
    }
    print_row("overall", "tagger", &all_t);
    print_row("overall", "baseline", &all_b);

    // A rough speed figure: tag every item repeatedly for about a second.
    let bytes: usize = all_items.iter().map(|i| i.title.len() + i.text.len()).sum();
    let started = Instant::now();
    let mut n = 0usize;
    while started.elapsed().as_secs_f64() < 1.0 && !all_items.is_empty() {
        for item in &all_items {
            std::hint::black_box(run(item));
            n += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "speed: {:.0} items/s ({:.0} KB/s; items average {} bytes)",
        n as f64 / secs,
        (n as f64 * bytes as f64 / all_items.len().max(1) as f64) / secs / 1024.0,
        bytes / all_items.len().max(1)
    );
}
