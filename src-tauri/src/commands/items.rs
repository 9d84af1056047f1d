//! Items: pages of the list, one item for the reading pane, the reader's marks, search.

use std::time::Instant;

use counterpoint_core::store::views::PageAt;
use counterpoint_core::store::ItemState;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::dto::{
    FilterDto, ItemDto, ItemRowDto, ItemStateDto, PageAtDto, PageDto, PinnedItemDto, SearchDto,
    SearchResultsDto,
};
use crate::error::{Error, Result};
use crate::state::AppState;

/// The most rows one call returns: the list asks for a page at a time.
const MAX_PAGE: i64 = 500;

/// A page of the list: `offset` rows from the start, unless `at` says where it is faster (a
/// keyset anchor from a neighbouring page, or an offset counted from the end).
#[tauri::command]
pub async fn list_items(
    state: State<'_, AppState>,
    filter: FilterDto,
    offset: i64,
    limit: i64,
    at: Option<PageAtDto>,
) -> Result<PageDto> {
    let filter = filter.to_filter()?;
    let at = at.map_or(PageAt::Offset(offset), |at| at.to_page_at(offset));
    let archive = state.archive.lock()?;
    let rows = archive.list_page(&filter, at, limit.clamp(1, MAX_PAGE))?;
    Ok(PageDto {
        rows: rows.into_iter().map(ItemRowDto::from).collect(),
    })
}

/// How many items match; counted once per filter while the archive does not change.
#[tauri::command]
pub async fn count_items(state: State<'_, AppState>, filter: FilterDto) -> Result<i64> {
    let filter = filter.to_filter()?;
    let archive = state.archive.lock()?;
    let version = archive.data_version()?;
    if let Some(n) = state.counts.get(&filter, version) {
        return Ok(n);
    }
    let n = archive.count_items(&filter)?;
    state.counts.put(filter, version, n);
    Ok(n)
}

#[tauri::command]
pub async fn get_item(state: State<'_, AppState>, id: i64) -> Result<ItemDto> {
    Ok(state.archive.lock()?.item(id)?.into())
}

#[tauri::command]
pub async fn set_item_state(
    state: State<'_, AppState>,
    id: i64,
    change: ItemStateDto,
) -> Result<()> {
    let archive = state.archive.lock()?;
    if let Some(v) = change.read {
        archive.set_item_state(id, ItemState::Read(v))?;
    }
    if let Some(v) = change.starred {
        archive.set_item_state(id, ItemState::Starred(v))?;
    }
    if let Some(v) = change.pinned {
        archive.set_item_state(id, ItemState::Pinned(v))?;
    }
    Ok(())
}

#[tauri::command]
pub async fn set_note(state: State<'_, AppState>, id: i64, note: String) -> Result<()> {
    state.archive.lock()?.set_note(id, &note)?;
    Ok(())
}

/// The brief's items, in the order they were pinned, with their notes.
#[tauri::command]
pub async fn pinned_items(state: State<'_, AppState>) -> Result<Vec<PinnedItemDto>> {
    let archive = state.archive.lock()?;
    let ids = archive.pinned_ids()?;
    let rows = archive.item_rows(&ids)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let note = archive.item(row.id)?.note;
        out.push(PinnedItemDto {
            row: row.into(),
            note,
        });
    }
    Ok(out)
}

/// Opens an item's link in the system browser. Only http(s) URLs are opened: a link is feed
/// data, and `file:` or `javascript:` must never leave this function.
#[tauri::command]
pub async fn open_link<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
) -> Result<()> {
    let parsed =
        url::Url::parse(url.trim()).map_err(|e| Error::InvalidInput(format!("not a link: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidInput(format!(
            "only web links are opened, not {}: links",
            parsed.scheme()
        )));
    }
    if state.save_dir.is_some() {
        // End-to-end tests set an export folder; they have no browser to open either.
        return Ok(());
    }
    app.opener()
        .open_url(parsed.as_str(), None::<&str>)
        .map_err(|e| Error::InvalidInput(format!("cannot open the browser: {e}")))
}

/// A page of search results, best first, with the total.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    search: SearchDto,
    offset: usize,
    limit: usize,
) -> Result<SearchResultsDto> {
    let request = search.to_request(offset, limit.clamp(1, MAX_PAGE as usize))?;
    let key = format!("{search:?}");
    if offset == 0 {
        *state.latest_search.lock()? = key.clone();
    }
    let started = Instant::now();
    let archive = state.archive.lock()?;
    // Typing sends a search per pause; on a large archive several may queue for the
    // connection. The list shows only the newest, so a first page that a newer one has
    // replaced while it waited is not run: the newest starts as soon as it can.
    if offset == 0 && *state.latest_search.lock()? != key {
        return Ok(SearchResultsDto {
            total: 0,
            rows: Vec::new(),
            took_ms: 0.0,
            superseded: true,
        });
    }
    let results = counterpoint_core::search::search(&archive, &request)?;
    Ok(SearchResultsDto {
        total: results.total as i64,
        rows: results.hits.into_iter().map(ItemRowDto::from).collect(),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        superseded: false,
    })
}
