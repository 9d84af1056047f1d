//! `relevance(items_fts, min_id, phrase_kinds)`: the full-text ranking function, an FTS5
//! auxiliary function registered on every connection. `min_id` is the archive's lowest item id;
//! `phrase_kinds` has a `p` for each phrase of the query that is a prefix, a `w` otherwise.
//!
//! It scores like FTS5's built-in `bm25()` (Okapi BM25, k1 = 1.2, b = 0.75, the title weighted
//! five times the summary and text) with one difference that decides search speed at archive
//! scale: how it learns how many items hold each term. `bm25()` counts them exactly on its
//! first call, by walking each term's whole list of items; for a common word in a million
//! items that walk alone took 8–15 ms, more than the rest of the search. Here the count is
//! estimated from the first [`DF_SAMPLE`] items that hold the term (their density over the ids
//! they span, scaled to the archive), which costs a fixed few hundred entries however common
//! the word, and is exact for any term held by fewer items. Document frequency only sets how
//! much a rare term outweighs a common one, so an estimate within a few percent ranks the same.
//! A prefix (`migra*`) stands for every word it starts; finding its first holders would expand
//! it to all of them once more, as costly as the search itself, so it is weighted as a term
//! held by [`PREFIX_SHARE`] of the items.
//!
//! This is the crate's only unsafe code: SQLite's FTS5 extension interface is a C table of
//! function pointers that rusqlite does not wrap. Every pointer it hands us is used only during
//! the call that hands it over, as the FTS5 documentation prescribes.
#![allow(unsafe_code)]

use std::ffi::{c_int, c_void};
use std::ptr;

use rusqlite::ffi;
use rusqlite::Connection;

use crate::{Error, Result};

/// The name SQL calls the function by.
pub const FUNCTION: &str = "relevance";

/// Column weights in the order of the index's columns: title, summary, text. A word in the
/// title says more about what an item is about than the same word in its body.
const WEIGHTS: [f64; 3] = [5.0, 1.0, 1.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// How many items holding a term are read to estimate how many hold it in all.
pub const DF_SAMPLE: i64 = 256;

/// The share of items a prefix phrase is taken to be held by.
pub const PREFIX_SHARE: f64 = 0.1;

/// Registers the function on a connection.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    // SAFETY: `handle` is the live connection's pointer and is used only within this call.
    let db = unsafe { conn.handle() };
    let api = fts5_api(db)?;
    if api.is_null() {
        return Err(Error::InvalidInput(
            "this SQLite build has no FTS5 extension interface".into(),
        ));
    }
    // SAFETY: `api` points at FTS5's global interface table, valid while the connection lives;
    // the name is a NUL-terminated static string that FTS5 copies.
    let rc = unsafe {
        let create = (*api).xCreateFunction.ok_or_else(|| {
            Error::InvalidInput("FTS5 cannot register auxiliary functions".into())
        })?;
        create(
            api,
            c"relevance".as_ptr(),
            ptr::null_mut(),
            Some(relevance),
            None,
        )
    };
    if rc != ffi::SQLITE_OK {
        return Err(Error::InvalidInput(format!(
            "cannot register the ranking function (SQLite error {rc})"
        )));
    }
    Ok(())
}

/// FTS5's interface table, obtained the documented way: `SELECT fts5(?1)` with a pointer bound
/// under the type name "fts5_api_ptr", which FTS5 fills in.
fn fts5_api(db: *mut ffi::sqlite3) -> Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: `db` is a live connection; the statement is finalized before returning and the
    // bound pointer (`api`, on this stack frame) outlives the statement's single step.
    let rc = unsafe {
        let sql = c"SELECT fts5(?1)";
        let mut rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_bind_pointer(
                stmt,
                1,
                (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
                c"fts5_api_ptr".as_ptr(),
                None,
            );
        }
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_step(stmt);
            if rc == ffi::SQLITE_ROW || rc == ffi::SQLITE_DONE {
                rc = ffi::SQLITE_OK;
            }
        }
        ffi::sqlite3_finalize(stmt);
        rc
    };
    if rc != ffi::SQLITE_OK {
        return Err(Error::InvalidInput(format!(
            "cannot reach SQLite's FTS5 interface (SQLite error {rc})"
        )));
    }
    Ok(api)
}

/// What a query computes once and every row's score reuses: kept as FTS5 auxiliary data,
/// which lives as long as the query.
struct QueryStats {
    /// Inverse document frequency of each phrase of the query, in FTS5's phrase order.
    idf: Vec<f64>,
    /// Average item length in tokens, all columns together.
    average_length: f64,
}

/// The BM25 inverse document frequency (FTS5's form: never zero or below, so a term held by
/// more than half the items still adds a little).
pub fn idf(items: f64, holding: f64) -> f64 {
    let idf = ((items - holding + 0.5) / (holding + 0.5)).ln();
    if idf <= 0.0 {
        1e-6
    } else {
        idf
    }
}

/// Estimates how many items hold a term from the first `seen` of them, the last of which has
/// id `last_id`: their density over ids `min_id..=last_id`, applied to all `items`. Exact when
/// the walk reached the end of the term's list.
pub fn estimate_holding(items: i64, min_id: i64, seen: i64, last_id: i64, complete: bool) -> f64 {
    if complete || seen == 0 {
        return seen as f64;
    }
    let span = (last_id - min_id + 1).max(seen) as f64;
    (seen as f64 * items as f64 / span).clamp(seen as f64, items.max(seen) as f64)
}

/// The walk state of [`count_first`].
struct Walk {
    seen: i64,
    last_id: i64,
}

/// Counts items of one phrase's list, stopping after [`DF_SAMPLE`].
unsafe extern "C" fn count_first(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    data: *mut c_void,
) -> c_int {
    // SAFETY: FTS5 passes back the `Walk` that `query_stats` handed to xQueryPhrase, and a
    // live context for the row it stands on.
    let walk = &mut *data.cast::<Walk>();
    walk.seen += 1;
    if let Some(rowid) = (*api).xRowid {
        walk.last_id = rowid(fts);
    }
    if walk.seen >= DF_SAMPLE {
        // SQLITE_DONE stops the walk without an error.
        ffi::SQLITE_DONE
    } else {
        ffi::SQLITE_OK
    }
}

/// Computes the per-query figures. Errors are SQLite result codes.
unsafe fn query_stats(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    args: &[*mut ffi::sqlite3_value],
) -> std::result::Result<QueryStats, c_int> {
    let min_id = args.first().map_or(1, |&v| ffi::sqlite3_value_int64(v));
    let mut prefixes: Vec<bool> = Vec::new();
    if let Some(&kinds) = args.get(1) {
        let text = ffi::sqlite3_value_text(kinds);
        if !text.is_null() {
            let kinds = std::ffi::CStr::from_ptr(text.cast());
            prefixes.extend(kinds.to_bytes().iter().map(|&b| b == b'p'));
        }
    }
    let (Some(row_count), Some(total_size), Some(phrase_count), Some(query_phrase)) = (
        api.xRowCount,
        api.xColumnTotalSize,
        api.xPhraseCount,
        api.xQueryPhrase,
    ) else {
        return Err(ffi::SQLITE_ERROR);
    };
    let mut items: i64 = 0;
    check(row_count(fts, &mut items))?;
    let mut tokens: i64 = 0;
    check(total_size(fts, -1, &mut tokens))?;
    let average_length = if items > 0 {
        tokens as f64 / items as f64
    } else {
        1.0
    };
    let phrases = phrase_count(fts);
    // A mask that does not match the query's phrases (it should always) is ignored rather than
    // trusted for the wrong phrases.
    if prefixes.len() != phrases.max(0) as usize {
        prefixes.clear();
    }
    let mut idfs = Vec::with_capacity(phrases.max(0) as usize);
    for phrase in 0..phrases {
        if prefixes.get(phrase as usize).copied().unwrap_or(false) {
            idfs.push(idf(items as f64, items as f64 * PREFIX_SHARE));
            continue;
        }
        let mut walk = Walk {
            seen: 0,
            last_id: 0,
        };
        check(query_phrase(
            fts,
            phrase,
            (&mut walk as *mut Walk).cast::<c_void>(),
            Some(count_first),
        ))?;
        let complete = walk.seen < DF_SAMPLE;
        let holding = estimate_holding(items, min_id, walk.seen, walk.last_id, complete);
        idfs.push(idf(items as f64, holding));
    }
    Ok(QueryStats {
        idf: idfs,
        average_length: average_length.max(1.0),
    })
}

fn check(rc: c_int) -> std::result::Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

unsafe extern "C" fn drop_stats(data: *mut c_void) {
    // SAFETY: the only auxiliary data this function stores is a boxed `QueryStats`.
    drop(Box::from_raw(data.cast::<QueryStats>()));
}

/// The score of the current row: negative like `bm25()`, so that better matches sort first in
/// ascending order.
unsafe fn score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    args: &[*mut ffi::sqlite3_value],
) -> std::result::Result<f64, c_int> {
    let (Some(get_aux), Some(set_aux), Some(inst_count), Some(inst), Some(column_size)) = (
        api.xGetAuxdata,
        api.xSetAuxdata,
        api.xInstCount,
        api.xInst,
        api.xColumnSize,
    ) else {
        return Err(ffi::SQLITE_ERROR);
    };
    let mut stats = get_aux(fts, 0).cast::<QueryStats>();
    if stats.is_null() {
        let fresh = Box::into_raw(Box::new(query_stats(api, fts, args)?));
        check(set_aux(fts, fresh.cast::<c_void>(), Some(drop_stats)))?;
        stats = fresh;
    }
    let stats = &*stats;

    // Weighted frequency of each phrase in this row.
    let mut frequency = vec![0.0f64; stats.idf.len()];
    let mut instances: c_int = 0;
    check(inst_count(fts, &mut instances))?;
    for i in 0..instances {
        let (mut phrase, mut column, mut offset) = (0, 0, 0);
        check(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
        if let Some(f) = frequency.get_mut(phrase as usize) {
            *f += WEIGHTS.get(column as usize).copied().unwrap_or(1.0);
        }
    }
    let mut length: c_int = 0;
    check(column_size(fts, -1, &mut length))?;
    let norm = K1 * (1.0 - B + B * f64::from(length) / stats.average_length);
    let score: f64 = frequency
        .iter()
        .zip(&stats.idf)
        .map(|(f, idf)| idf * (f * (K1 + 1.0)) / (f + norm))
        .sum();
    Ok(-score)
}

/// The SQL function: `relevance(items_fts [, min_id [, phrase_kinds]])`.
unsafe extern "C" fn relevance(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 calls with its interface table, the current row's context, and `argc`
    // argument values after the table itself. The arguments are read only when the per-query
    // figures are first computed (see `query_stats`).
    let args: &[*mut ffi::sqlite3_value] = if argc > 0 && !argv.is_null() {
        std::slice::from_raw_parts(argv, argc as usize)
    } else {
        &[]
    };
    match score(&*api, fts, args) {
        Ok(value) => ffi::sqlite3_result_double(ctx, value),
        Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_is_exact_for_short_lists_and_scales_long_ones() {
        assert_eq!(estimate_holding(1000, 1, 10, 500, true), 10.0);
        // 256 items among ids 1..=512 of 1000: half of them.
        assert_eq!(estimate_holding(1000, 1, 256, 512, false), 500.0);
        // Never more than the archive, never fewer than seen.
        assert_eq!(estimate_holding(1000, 1, 256, 100, false), 1000.0);
    }

    #[test]
    fn idf_never_drops_to_zero() {
        assert!(idf(1000.0, 10.0) > idf(1000.0, 100.0));
        assert!(idf(1000.0, 900.0) > 0.0);
    }
}
