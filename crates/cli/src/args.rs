//! The command line's grammar. Names, flags and JSON fields are a contract: keep them stable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "counterpoint",
    version,
    about = "Migration and asylum policy feeds: fetch, tag, search and brief, offline."
)]
pub struct Cli {
    /// The archive file. Defaults to the platform data folder
    /// (~/.local/share/counterpoint/archive.db on Linux).
    #[arg(long, global = true, env = "COUNTERPOINT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, add or remove sources.
    #[command(subcommand)]
    Sources(SourcesCommand),
    /// Fetch sources and archive their new items.
    Fetch(FetchArgs),
    /// Show one item.
    Show {
        item_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Tag a text read on standard input (a JSON object {"title","text"} or plain text).
    Tag {
        /// The text's language, as a hint.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Who published it: agency, ngo, government, media or other.
        #[arg(long, value_name = "KIND", default_value = "other")]
        source_kind: String,
        #[arg(long)]
        json: bool,
    },
    /// Re-tag every item tagged by an older version of the tagger.
    Retag,
    /// Import or export sources as OPML.
    #[command(subcommand)]
    Opml(OpmlCommand),
    /// Search the archive: words, "phrases", prefix*, OR, -excluded, (groups) and
    /// field:value filters (country: voice: stance: source: lang: after: before: is: in:).
    Search(SearchArgs),
    /// Saved searches that count the items archived since you last looked.
    #[command(subcommand)]
    Watch(WatchCommand),
    /// Write a consistent copy of the archive to FILE (safe while the app is running).
    Backup { file: PathBuf },
    /// Replace the archive with a backup, after checking it; the replaced archive is kept.
    Restore { file: PathBuf },
    /// Write a briefing note: the government line beside the NGO concerns, per country.
    Brief(BriefArgs),
    /// Pin an item for the next brief.
    Pin { item_id: i64 },
    /// Unpin an item.
    Unpin { item_id: i64 },
    /// List the pinned items, in the order they were pinned.
    Pins {
        #[arg(long)]
        json: bool,
    },
    /// Set the analyst's note on an item (an empty TEXT removes it).
    Note { item_id: i64, text: String },
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The file to write; the format follows its extension unless --format says otherwise.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// md, html, docx or pdf.
    #[arg(long, value_name = "md|html|docx|pdf")]
    pub format: Option<String>,
    /// The brief's title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Brief the pinned items (instead of a query).
    #[arg(long, conflicts_with_all = ["query", "countries", "stance", "sources", "lang", "since", "until"])]
    pub pinned: bool,
    /// What to brief: a query and filters, read exactly as `search` reads them.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// List sources with their state.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a source by its feed URL or its site's URL.
    Add {
        url: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_name = "agency|ngo|government|media|other")]
        kind: Option<String>,
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
    },
    /// Remove a source and its items.
    Remove {
        #[arg(value_name = "URL_OR_ID")]
        source: String,
    },
    /// List the suggested sources, or add one of them by name or number.
    Suggested {
        /// Add this suggestion (its number in the list or its name).
        #[arg(long)]
        add: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Only these sources (URL or id); all when absent.
    #[arg(long = "source", value_name = "URL_OR_ID")]
    pub sources: Vec<String>,
    /// Print one JSON report on standard output.
    #[arg(long)]
    pub json: bool,
    /// Keep summaries; do not fetch article pages.
    #[arg(long)]
    pub no_full_text: bool,
}

#[derive(Debug, Subcommand)]
pub enum OpmlCommand {
    /// Add the feeds of an OPML file.
    Import { file: PathBuf },
    /// Write the sources as OPML to FILE, or to standard output.
    Export { file: Option<PathBuf> },
}

/// The query and filters that select items: shared by `search` and `brief`, so a brief
/// selects exactly what the same search finds.
#[derive(Debug, Clone, Args)]
pub struct SelectionArgs {
    /// The query, quoted when it has several words. Absent or empty lists items by date.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Items tagged with this country (repeat for any of several).
    #[arg(long = "country", value_name = "CODE")]
    pub countries: Vec<String>,
    /// government and ngo_concern include items carrying both voices.
    #[arg(long, value_name = "government|ngo_concern|both|neither")]
    pub stance: Option<String>,
    /// Items from this source (repeat for any of several).
    #[arg(long = "source", value_name = "URL_OR_ID")]
    pub sources: Vec<String>,
    /// Items in this language (ISO 639-1 code).
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// From this day on.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Up to and including this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[arg(long, value_name = "relevance|date", default_value = "relevance")]
    pub sort: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Skip this many results (the next page).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Save a query under a name; what is in the archive now counts as seen.
    Add {
        name: String,
        #[arg(value_name = "QUERY", allow_hyphen_values = true)]
        query: String,
    },
    /// Every watch with how many items match and how many are new.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Mark what a watch matches now as seen.
    Seen { name: String },
    /// Delete a watch (never any item).
    Remove { name: String },
}
