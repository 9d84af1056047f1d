//! The country dashboard: counts per country, a country's items over time by voice, and its
//! latest government statements beside its latest NGO concerns.

use counterpoint_core::store::views::{ItemFilter, VoiceFilter};
use tauri::State;

use crate::dto::{CountryCountDto, CountryLatestDto, ItemRowDto, MonthCountDto};
use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn country_stats(state: State<'_, AppState>) -> Result<Vec<CountryCountDto>> {
    let archive = state.archive.lock()?;
    Ok(archive
        .country_counts(300)?
        .into_iter()
        .map(CountryCountDto::from)
        .collect())
}

#[tauri::command]
pub async fn country_timeline(
    state: State<'_, AppState>,
    codes: Vec<String>,
) -> Result<Vec<MonthCountDto>> {
    let codes: Vec<String> = codes.into_iter().take(8).collect();
    let archive = state.archive.lock()?;
    Ok(archive
        .country_months(&codes)?
        .into_iter()
        .map(MonthCountDto::from)
        .collect())
}

#[tauri::command]
pub async fn country_latest(state: State<'_, AppState>, code: String) -> Result<CountryLatestDto> {
    let archive = state.archive.lock()?;
    let latest = |voice| -> Result<Vec<ItemRowDto>> {
        let filter = ItemFilter {
            countries: vec![code.clone()],
            voice: Some(voice),
            ..ItemFilter::default()
        };
        Ok(archive
            .list_items(&filter, 0, 8)?
            .into_iter()
            .map(ItemRowDto::from)
            .collect())
    };
    Ok(CountryLatestDto {
        government: latest(VoiceFilter::Government)?,
        ngo_concern: latest(VoiceFilter::NgoConcern)?,
    })
}
