//! Inferring a text's publication date from the dates it states.

use chrono::{Datelike, NaiveDate};

use super::resolve::shift;
use super::{DateExpr, Direction};

/// The most likely publication date of a text that does not give one.
///
/// The anchor is the latest complete date the text states (a tweet's date, "5 January 2025");
/// news then names the days around publication by weekday, so the publication date is the
/// first day on or after the anchor that makes every unqualified weekday mention point to the
/// past week. Returns `None` when the text states no complete date.
pub fn infer_publication_date(found: &[DateExpr]) -> Option<NaiveDate> {
    let anchor = found
        .iter()
        .filter_map(|e| match e {
            DateExpr::Full(d) => Some(*d),
            _ => None,
        })
        .max()?;
    let latest_weekday = found
        .iter()
        .filter_map(|e| match e {
            DateExpr::Weekday {
                weekday,
                direction: Direction::Recent,
            } => {
                let ahead = (7 + weekday.num_days_from_monday() as i64
                    - anchor.weekday().num_days_from_monday() as i64)
                    % 7;
                shift(anchor, ahead)
            }
            _ => None,
        })
        .max();
    Some(latest_weekday.unwrap_or(anchor).max(anchor))
}
