//! `feed.xml` (Atom 1.0, the newest articles) and `sitemap.xml`: written only when the site's
//! base URL is set, since both need absolute addresses.

use kiosque_model::ArticleSummary;

use super::html::escape;
use super::settings::BaseUrl;

/// How many articles the feed lists (the newest).
pub const FEED_ARTICLES: usize = 50;

/// The sitemap's file name; with more pages than one sitemap may list, it is an index of
/// `sitemap-<n>.xml` files.
pub const SITEMAP_FILE: &str = "sitemap.xml";

/// Marks the feed and sitemap files `kiosque pages` writes (so it removes only its own).
const MARK: &str = "<!--written by kiosque pages-->";

/// Whether `text` is a feed or sitemap file that `kiosque pages` wrote.
pub fn is_written(text: &str) -> bool {
    text.lines().nth(1) == Some(MARK)
}

/// How many addresses one sitemap file may list (sitemaps.org).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Text for XML content or a double-quoted attribute: escaped as HTML text is ([`escape`]: its
/// entities are XML's own or numeric), without the characters XML 1.0 does not allow even
/// escaped (C0 controls other than tab and line breaks, U+FFFE, U+FFFF).
pub fn xml_text(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !((c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect();
    escape(&allowed)
}

/// An article's date as an Atom date-time (`2025-01-06T00:00:00Z`): the date part of its ISO
/// 8601 `published` (a month or year alone: its first day). `None` when it is not a date.
fn atom_date(published: &str) -> Option<String> {
    let date = published.split(['T', ' ']).next().unwrap_or(published);
    // format_date checks the date is a real one.
    kiosque_model::display::format_date(date)?;
    let full = match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        10 => date.to_owned(),
        _ => return None,
    };
    Some(format!("{full}T00:00:00Z"))
}

/// The address of an article's page.
pub fn article_url(base: &BaseUrl, id: &str) -> String {
    base.join(&format!("article/{id}/"))
}

/// The Atom feed of `articles` (newest first; the first [`FEED_ARTICLES`] are listed): each
/// entry's id and link is its page's address, its summary the article's excerpt. An undated
/// article carries the feed's date (that of its newest dated article), which Atom requires.
pub fn atom(base: &BaseUrl, site_name: &str, articles: &[ArticleSummary]) -> String {
    let listed = &articles[..articles.len().min(FEED_ARTICLES)];
    let dates: Vec<Option<String>> = listed
        .iter()
        .map(|a| a.published.as_deref().and_then(atom_date))
        .collect();
    let updated = dates
        .iter()
        .flatten()
        .max()
        .cloned()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
    let name = xml_text(site_name);
    let home = xml_text(base.as_str());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{MARK}\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{name}</title>\n<id>{home}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<updated>{updated}</updated>\n<author><name>{name}</name></author>\n",
        xml_text(&base.join(super::html::FEED_FILE))
    );
    for (article, date) in listed.iter().zip(&dates) {
        let url = xml_text(&article_url(base, &article.id));
        let updated = date.as_deref().unwrap_or(&updated);
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<updated>{updated}</updated>\n",
            xml_text(&article.title)
        ));
        if let Some(date) = date {
            out.push_str(&format!("<published>{date}</published>\n"));
        }
        out.push_str(&format!(
            "<summary>{}</summary>\n</entry>\n",
            xml_text(&article.excerpt)
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// The sitemap files listing `urls` (absolute addresses): `sitemap.xml` alone up to
/// [`SITEMAP_MAX_URLS`] addresses, else `sitemap.xml` as an index of `sitemap-1.xml`, …
/// Returns each file's name and content.
pub fn sitemaps(base: &BaseUrl, urls: &[String]) -> Vec<(String, String)> {
    let urlset = |urls: &[String]| {
        let entries: String = urls
            .iter()
            .map(|url| format!("<url><loc>{}</loc></url>\n", xml_text(url)))
            .collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{MARK}\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{entries}</urlset>\n"
        )
    };
    if urls.len() <= SITEMAP_MAX_URLS {
        return vec![(SITEMAP_FILE.to_owned(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::new();
    for (n, chunk) in urls.chunks(SITEMAP_MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml_text(&base.join(&name))
        ));
        files.push((name, urlset(chunk)));
    }
    files.push((
        SITEMAP_FILE.to_owned(),
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{MARK}\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{index}</sitemapindex>\n"
        ),
    ));
    files
}

/// Whether `name` is a file [`sitemaps`] or [`atom`] writes: removed when the base URL is unset.
pub fn is_feed_or_sitemap(name: &str) -> bool {
    name == super::html::FEED_FILE
        || name == SITEMAP_FILE
        || name
            .strip_prefix("sitemap-")
            .and_then(|n| n.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_atom_date_times_and_other_text_does_not() {
        assert_eq!(
            atom_date("2025-01-06").as_deref(),
            Some("2025-01-06T00:00:00Z")
        );
        assert_eq!(
            atom_date("2025-01-06T10:00:00+01:00").as_deref(),
            Some("2025-01-06T00:00:00Z")
        );
        assert_eq!(
            atom_date("2025-01").as_deref(),
            Some("2025-01-01T00:00:00Z")
        );
        assert_eq!(atom_date("2025").as_deref(), Some("2025-01-01T00:00:00Z"));
        assert_eq!(atom_date("2025-02-30"), None);
        assert_eq!(atom_date("yesterday"), None);
    }

    #[test]
    fn text_that_xml_cannot_hold_is_left_out() {
        assert_eq!(
            xml_text("a\u{0}<b>&\"'\u{b}\u{ffff}\tc"),
            "a&lt;b&gt;&amp;&quot;&#39;\tc"
        );
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let base = BaseUrl::new("https://example.org/").expect("valid");
        let urls: Vec<String> = (0..SITEMAP_MAX_URLS + 1)
            .map(|i| base.join(&format!("article/{i}/")))
            .collect();
        let files = sitemaps(&base, &urls);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        assert!(
            files[2]
                .1
                .contains("<loc>https://example.org/sitemap-2.xml</loc>")
        );
        assert_eq!(files[1].1.matches("<url>").count(), 1);
        assert!(names.iter().all(|n| is_feed_or_sitemap(n)));
        assert!(!is_feed_or_sitemap("sitemap-.xml") && !is_feed_or_sitemap("index.html"));
    }
}
