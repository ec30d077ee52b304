//! Line-level patterns of page furniture: what a single line says about itself.
//!
//! Context rules (runs of teasers, caption groups, trailing footers) live in [`super`]; the
//! patterns here only look at one line. They are general web and wiki furniture, not fitted to
//! one page.

use std::sync::LazyLock;

use kiosque_model::article::Noise;
use regex::Regex;

fn re(pattern: &str) -> Regex {
    // The patterns are literals of this file: a failure is a bug that every test run catches.
    Regex::new(pattern).unwrap_or_else(|e| panic!("cleaning pattern {pattern:?}: {e}"))
}

/// Whole-line patterns and the noise they are.
static LINE_NOISE: LazyLock<Vec<(Regex, Noise)>> = LazyLock::new(|| {
    vec![
        // Wiki and site navigation.
        (
            re(r"(?i)^From Wiki\w+, the free [\w ]+!?$"),
            Noise::Navigation,
        ),
        (
            re(r"(?i)^Jump to:?\s*navigation,?\s*(?:Jump to\s*)?search$"),
            Noise::Navigation,
        ),
        (
            re(
                r"(?i)^(?:Skip to (?:main )?content|Aller au contenu(?: principal)?|Menu|Accueil|Home|Navigation|Search|Rechercher|Sign in|Log in|Se connecter|S['’]abonner|Subscribe|Newsletter|Back to top|Retour en haut)$",
            ),
            Noise::Navigation,
        ),
        (
            re(
                r"(?i)^(?:Billets|Articles|Posts|Stories|Tous les articles) (?:sur|about|on|tagged|de la catégorie) .{1,60}$",
            ),
            Noise::Navigation,
        ),
        // Government-site banners.
        (
            re(r"(?i)^An official website of the United States [Gg]overnment\s*$"),
            Noise::Navigation,
        ),
        (re(r"(?i)^Here['’]s how you know\s*$"), Noise::Navigation),
        (
            re(
                r"(?i)^(?:Official websites use \.gov|\.gov website belongs to|Secure \.gov websites use HTTPS|A lock \()",
            ),
            Noise::Navigation,
        ),
        // Notices about the page rather than the news.
        (
            re(
                r"(?i)This article (?:features first-hand journalism|mentions the Wikimedia Foundation)",
            ),
            Noise::Notice,
        ),
        (re(r"(?i)^\S+\.(?:svg|png|jpe?g|gif)\s"), Noise::Notice),
        (
            re(r"(?i)^You have accessed part of a historical collection"),
            Noise::Notice,
        ),
        // Captions and credits.
        (
            re(
                r"(?i)^\(?(?:Image|Photo|Photo ?By|Photo credit|Crédits?(?: photo)?|Credit|Video ?By|Illustration|VIRIN)\s*:",
            ),
            Noise::Caption,
        ),
        (re(r"^.{1,250}[\s.,;:)]Image: .{1,120}$"), Noise::Caption),
        // Map legends: a colour swatch, then a name.
        (re(r"^[█■▇▆●◼⬛▉▊]+\s"), Noise::Legend),
        // Video players.
        (re(r"^\d{1,2}:\d{2}(?::\d{2})?$"), Noise::Navigation),
        (
            re(r"(?i)^(?:Play|Pause|Replay|Mute|Lecture|Watch|Regarder|Écouter|Listen)$"),
            Noise::Navigation,
        ),
        // Share buttons.
        (
            re(
                r"(?i)^(?:(?:Share|Partager|Tweet|Tweeter|E-?mail|Print|Imprimer|Facebook|Twitter|X|LinkedIn|WhatsApp|Reddit|Copy link|Copier le lien|Pinterest|Telegram)(?: (?:on|sur|this|cet article))?[\s|·,]*)+$",
            ),
            Noise::Share,
        ),
    ]
});

/// What a line is, when the line alone shows it is furniture.
pub fn line_noise(text: &str) -> Option<Noise> {
    LINE_NOISE
        .iter()
        .find(|(pattern, _)| pattern.is_match(text))
        .map(|&(_, noise)| noise)
}

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:Sources?|Sister links|External links|References|Références|Notes|Liens externes|Bibliographie|Further reading)(?:\s*\[\^\w+\])*\s*:?$",
    )
});
static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| re(r"^\[\^\w+\]:"));

/// A section heading that closes an article (sources, external links), or a footnote.
pub fn is_footer(text: &str) -> bool {
    FOOTER.is_match(text) || FOOTNOTE.is_match(text)
}

/// The byte ranges of Markdown footnote references inside text (`Kyiv[^1]`), not the
/// definitions that start a line (`[^1]: …`).
pub fn footnote_references(markdown: &str) -> Vec<std::ops::Range<usize>> {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| re(r"\[\^[^\]\s]{1,20}\]"));
    let mut out = Vec::new();
    // Where the line of the last match starts, found by scanning forward only once.
    let (mut line_start, mut scanned) = (0, 0);
    for m in REFERENCE.find_iter(markdown) {
        if let Some(nl) = markdown[scanned..m.start()].rfind('\n') {
            line_start = scanned + nl + 1;
        }
        scanned = m.start();
        let definition = markdown[line_start..m.start()].trim().is_empty()
            && markdown[m.end()..].starts_with(':');
        if !definition {
            out.push(m.range());
        }
    }
    out
}

/// How a related-article marker introduces its links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// "A lire aussi :" — one title follows.
    Inline,
    /// "Related news", "See also" — a list of titles follows.
    Section,
}

static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<label>(?:À|A) lire (?:aussi|également|egalement)|Lire (?:aussi|également|egalement)|À voir aussi|Voir aussi|Sur le même sujet|Read (?:more|also)|Also read|See also|Related(?: (?:news|articles?|stories|coverage|content))?|Articles connexes|Dans la même rubrique|More on this story)\s*[:：]?\s*(?P<rest>.*)$",
    )
});

/// A related-articles marker: its label, its kind and any title on the same line.
pub fn related_marker(text: &str) -> Option<(String, MarkerKind, Option<String>)> {
    let caps = RELATED.captures(text)?;
    let label = caps.name("label")?.as_str().to_owned();
    let rest = caps
        .name("rest")
        .map(|m| m.as_str().trim())
        .filter(|r| !r.is_empty());
    // "Related" followed by ordinary prose is a sentence, not a marker.
    if rest.is_some_and(|r| r.chars().next().is_some_and(char::is_lowercase)) {
        return None;
    }
    let lower = label.to_lowercase();
    let kind = if lower.starts_with("related")
        || lower.starts_with("see also")
        || lower.starts_with("voir aussi")
        || lower.starts_with("articles connexes")
        || lower.starts_with("dans la même")
        || lower.starts_with("more on")
    {
        MarkerKind::Section
    } else {
        MarkerKind::Inline
    };
    Some((label, kind, rest.map(str::to_owned)))
}

/// A line cut short with an ellipsis, as teasers of other articles are.
pub fn is_truncated(text: &str) -> bool {
    let t = text.trim_end_matches(['»', '"', '”', ' ']);
    (t.ends_with('…') || t.ends_with("...")) && text.chars().count() <= 320
}

/// A line that credits an image or video ("Photo By:", "VIRIN:", "Image:").
pub fn is_credit(text: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\(?(?:Image|Photo|Photo ?By|Photo credit|Crédits?(?: photo)?|Credit|Video ?By|VIRIN)\s*:",
        )
    });
    CREDIT.is_match(text)
}

/// A short line that names a map colour, "(red)", as map captions do.
pub fn is_map_caption(text: &str) -> bool {
    static COLOUR: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\((?:in |en )?(?:red|blue|green|yellow|orange|purple|pink|grey|gray|rouge|bleu|vert|jaune|violet|rose|gris)\)",
        )
    });
    text.chars().count() <= 200 && COLOUR.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_typed() {
        assert_eq!(
            line_noise("From Wikinews, the free news source you can write!"),
            Some(Noise::Navigation)
        );
        assert_eq!(
            line_noise("Jump to navigation Jump to search"),
            Some(Noise::Navigation)
        );
        assert_eq!(
            line_noise("Jump to: navigation, search"),
            Some(Noise::Navigation)
        );
        assert_eq!(
            line_noise("Fire in the frame of Notre Dame. Image: LeLaisserPasserA38."),
            Some(Noise::Caption)
        );
        assert_eq!(
            line_noise("██ Syrian Democratic Forces"),
            Some(Noise::Legend)
        );
        assert_eq!(
            line_noise("VIRIN: 220615-D-TT977-0228"),
            Some(Noise::Caption)
        );
        assert_eq!(line_noise("07:09"), Some(Noise::Navigation));
        assert_eq!(
            line_noise("Share on Facebook Twitter Email"),
            Some(Noise::Share)
        );
        assert_eq!(
            line_noise("The Steelers spent Monday trying to distance themselves."),
            None
        );
    }

    #[test]
    fn related_markers_in_french_and_english() {
        let (label, kind, rest) = related_marker("A lire aussi :").expect("marker");
        assert_eq!(
            (label.as_str(), kind, rest),
            ("A lire aussi", MarkerKind::Inline, None)
        );
        let (_, _, rest) = related_marker("Lire aussi : Le titre").expect("marker");
        assert_eq!(rest.as_deref(), Some("Le titre"));
        assert_eq!(
            related_marker("Related news").map(|m| m.1),
            Some(MarkerKind::Section)
        );
        assert!(related_marker("Related companies said that …").is_none());
        assert!(related_marker("La Russie a déclaré").is_none());
    }

    #[test]
    fn teasers_end_with_an_ellipsis() {
        assert!(is_truncated(
            "Biopic centré sur la vie de Robbie Williams, « Better Man » se distingue par…"
        ));
        assert!(!is_truncated(
            "La Russie contrôle environ un cinquième du territoire ukrainien."
        ));
    }
}
