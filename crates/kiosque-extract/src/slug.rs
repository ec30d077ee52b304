//! Slugs: the `[a-z0-9-]` form of names used in ids, file names and URLs.

use kiosque_model::text::fold;

use crate::normalize::normalize_str;

/// The slug of `text`, at most `max` bytes, cut at a word boundary.
///
/// Letters are folded (lowercase, no accents); other Latin text becomes ASCII; characters of
/// other scripts are written as their code point (`x43a`) so that ids stay distinct and ASCII.
/// Invisible characters (soft hyphens, joiners) are read through, as matching does.
pub fn slugify(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in fold(&normalize_str(text)).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("x{:x}", c as u32));
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > max {
        let cut = out[..max]
            .rfind('-')
            .filter(|&i| i > max / 2)
            .unwrap_or(max);
        out.truncate(cut);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_lowercase_and_dashed() {
        assert_eq!(
            slugify("Ministère russe de la Défense", 80),
            "ministere-russe-de-la-defense"
        );
        assert_eq!(slugify("L’Ukraine !", 80), "l-ukraine");
        assert_eq!(slugify("Москва", 80), "x43cx43ex441x43ax432x430");
        assert_eq!(slugify("  ", 80), "");
        // A title shown with its soft hyphens and joiners keeps the id it has without them.
        assert_eq!(
            slugify("Kour\u{AD}sk\u{200B} : l’of\u{AD}fensive", 80),
            "koursk-l-offensive"
        );
        assert_eq!(slugify("می\u{200C}خواهم", 80), slugify("میخواهم", 80));
        assert_eq!(
            slugify("Guerre en Ukraine : à la surprise générale", 20),
            "guerre-en-ukraine-a"
        );
    }
}
