//! Embedded posts pasted into scraped text: "… pic.twitter.com/x— Name (@handle) January 5, 2025".

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::dates::{DateExpr, find_dates};

/// The attribution line that closes an embedded tweet, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Byte offset in the line where the post's own text ends (before any media link).
    pub text_end: usize,
    /// The attached media link, as written.
    pub media_link: Option<String>,
    /// The author's display name, as written.
    pub author: String,
    /// Byte range of the author's name in the line.
    pub author_range: (usize, usize),
    /// The handle, with its `@`.
    pub handle: String,
    /// The date of the post.
    pub date: Option<NaiveDate>,
    /// Byte range of the date in the line.
    pub date_range: Option<(usize, usize)>,
    /// A link to the post, when the line has one.
    pub url: Option<String>,
}

static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"(?x)
        (?P<media>\s*(?:pic\.(?:twitter|x)\.com/\w+|https?://t\.co/\w+))?
        \s*(?:—|–|&mdash;|--|-)\s*
        (?P<author>[^\n()—–@]{1,80}?)\s*
        \((?P<handle>@[A-Za-z0-9_]{1,30})\)\s*
        (?P<date>[^\n]{0,40}?)
        \s*(?P<url>https?://(?:twitter|x)\.com/\S+)?\s*$";
    Regex::new(pattern).unwrap_or_else(|e| panic!("attribution pattern: {e}"))
});

/// Parses the attribution at the end of `line`, if it has one.
pub fn attribution(line: &str) -> Option<Attribution> {
    let caps = ATTRIBUTION.captures(line)?;
    let whole = caps.get(0)?;
    let author = caps.name("author")?;
    let handle = caps.name("handle")?;
    let (date, date_range) = caps
        .name("date")
        .and_then(|d| {
            let found = find_dates(d.as_str());
            let first = found.first()?;
            let DateExpr::Full(day) = first.expr else {
                return None;
            };
            let byte = |cp: usize| {
                d.as_str()
                    .char_indices()
                    .nth(cp)
                    .map_or(d.as_str().len(), |(i, _)| i)
            };
            Some((
                Some(day),
                Some((d.start() + byte(first.start), d.start() + byte(first.end))),
            ))
        })
        .unwrap_or((None, None));
    // Without a date or a media link, "— Name (@handle)" could be a signature in prose.
    if date.is_none() && caps.name("media").is_none() {
        return None;
    }
    Some(Attribution {
        text_end: whole.start(),
        media_link: caps.name("media").map(|m| m.as_str().trim().to_owned()),
        author: author.as_str().trim().to_owned(),
        author_range: (author.start(), author.end()),
        handle: handle.as_str().to_owned(),
        date,
        date_range,
        url: caps.name("url").map(|m| m.as_str().to_owned()),
    })
}

/// The maximum length of a tweet; longer runs of lines are not one post.
pub const MAX_POST_CHARS: usize = 280;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_tweet_attribution_is_parsed() {
        let line = "Les Russes vont avancer encore plus vite maintenant. pic.twitter.com/rnl7qu53sW— SILVANO TROTTA OFFICIEL (@silvano_trotta) January 5, 2025";
        let a = attribution(line).expect("attribution");
        assert_eq!(
            &line[..a.text_end],
            "Les Russes vont avancer encore plus vite maintenant."
        );
        assert_eq!(a.media_link.as_deref(), Some("pic.twitter.com/rnl7qu53sW"));
        assert_eq!(a.author, "SILVANO TROTTA OFFICIEL");
        assert_eq!(
            &line[a.author_range.0..a.author_range.1],
            "SILVANO TROTTA OFFICIEL"
        );
        assert_eq!(a.handle, "@silvano_trotta");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2025, 1, 5));
        let (s, e) = a.date_range.expect("date range");
        assert_eq!(&line[s..e], "January 5, 2025");
    }

    #[test]
    fn a_dash_and_a_handle_in_prose_is_not_a_tweet() {
        assert!(attribution("Il l’a dit — Jean Dupont (@jdupont) sur son compte").is_none());
    }
}
