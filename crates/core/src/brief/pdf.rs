//! The brief as PDF (in progress).

use super::Brief;
use crate::{Error, Result};

pub fn render(_brief: &Brief) -> Result<Vec<u8>> {
    Err(Error::Brief("PDF is not available yet".into()))
}
