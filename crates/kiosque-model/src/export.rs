//! A list of articles as a file for researchers: CSV (RFC 4180, safe to open in a spreadsheet)
//! or JSON, with each article's id, title, date, language, source, URL and entities. Made in the browser
//! from the loaded site, so the columns are what the site data says.

use serde::Serialize;

use crate::index::Corpus;

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 8] = [
    "id",
    "title",
    "date",
    "lang",
    "source",
    "url",
    "entities",
    "entity_ids",
];

/// One entity of an exported article.
#[derive(Debug, Serialize)]
struct ExportEntity<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    label: &'static str,
}

/// One exported article.
#[derive(Debug, Serialize)]
struct ExportArticle<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    lang: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    entities: Vec<ExportEntity<'a>>,
}

/// The article at `position` (in [`Corpus::articles`]) as exported: `None` when the corpus
/// does not have it; entity ids its table does not have are left out.
fn row(corpus: &Corpus, position: u32) -> Option<ExportArticle<'_>> {
    let a = corpus.article_at(position)?;
    Some(ExportArticle {
        id: &a.id,
        title: &a.title,
        date: a.published.as_deref(),
        lang: a.lang.as_deref(),
        source: a.source.as_deref(),
        url: a.url.as_deref(),
        entities: a
            .entities
            .iter()
            .filter_map(|id| corpus.entity(id))
            .map(|e| ExportEntity {
                id: e.id.as_str(),
                name: &e.name,
                label: e.label.code(),
            })
            .collect(),
    })
}

/// The two kinds of file a list of articles is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// [`to_csv`]'s.
    Csv,
    /// [`to_json`]'s.
    Json,
}

/// A list of articles written as a file a few articles at a time ([`Export::next_chunk`]): an
/// archive's whole list is 75 MB of CSV or 190 MB of JSON at 100,000 articles, which the app
/// hands to the browser in pieces (a Blob of many strings), giving it a turn between them,
/// rather than as one string made while the page cannot answer.
#[derive(Debug, Clone)]
pub struct Export {
    format: Format,
    /// The next position of the list to write.
    next: usize,
    /// Whether an article was written (JSON's separators).
    wrote: bool,
    /// Whether the file's end was written.
    done: bool,
}

impl Export {
    /// A file of `format` to write.
    pub fn new(format: Format) -> Export {
        Export {
            format,
            next: 0,
            wrote: false,
            done: false,
        }
    }

    /// The file's next piece: its beginning and up to `articles` more of `positions` (the
    /// list, the same at every call), and its end after the last; `None` once the end was
    /// given. The pieces of a list joined are [`to_csv`]'s or [`to_json`]'s file of it.
    pub fn next_chunk(
        &mut self,
        corpus: &Corpus,
        positions: &[u32],
        articles: usize,
    ) -> Option<String> {
        if self.done {
            return None;
        }
        let mut out = String::new();
        if self.next == 0 {
            match self.format {
                Format::Csv => csv_record(&mut out, &CSV_HEADER),
                Format::Json => out.push('['),
            }
        }
        let end = positions
            .len()
            .min(self.next.saturating_add(articles.max(1)));
        for &position in positions.get(self.next..end).unwrap_or_default() {
            let Some(row) = row(corpus, position) else {
                continue;
            };
            match self.format {
                Format::Csv => csv_row(&mut out, &row),
                Format::Json => {
                    out.push_str(if self.wrote { ",\n" } else { "\n" });
                    json_item(&mut out, &row);
                }
            }
            self.wrote = true;
        }
        self.next = end;
        if end == positions.len() {
            self.done = true;
            if self.format == Format::Json {
                out.push_str(if self.wrote { "\n]" } else { "]" });
            }
        }
        Some(out)
    }
}

/// Appends a CSV record of `fields` to `out` (see [`to_csv`]).
fn csv_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(field));
    }
    out.push_str("\r\n");
}

/// Appends the CSV record of `row` to `out`.
fn csv_row(out: &mut String, row: &ExportArticle<'_>) {
    let names: Vec<&str> = row.entities.iter().map(|e| e.name).collect();
    let ids: Vec<&str> = row.entities.iter().map(|e| e.id).collect();
    csv_record(
        out,
        &[
            row.id,
            row.title,
            row.date.unwrap_or_default(),
            row.lang.unwrap_or_default(),
            row.source.unwrap_or_default(),
            row.url.unwrap_or_default(),
            &names.join("; "),
            &ids.join(" "),
        ],
    );
}

/// Appends `row` to `out` as an item of a pretty-printed JSON array (indented by two spaces,
/// as `serde_json::to_string_pretty` writes an array's items: its strings have no raw line
/// breaks, so each line of the item's own pretty form is indented).
fn json_item(out: &mut String, row: &ExportArticle<'_>) {
    let item = serde_json::to_string_pretty(row).unwrap_or_else(|_| "null".to_owned());
    for (i, line) in item.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
}

/// The whole file of `positions` in `format`, in one string.
fn whole(corpus: &Corpus, positions: &[u32], format: Format) -> String {
    let mut export = Export::new(format);
    let mut out = String::new();
    while let Some(chunk) = export.next_chunk(corpus, positions, usize::MAX) {
        out.push_str(&chunk);
    }
    out
}

/// The articles at `positions` as CSV: a header row ([`CSV_HEADER`]), then one row per
/// article; entities as their names joined by `; ` and their ids joined by spaces. Fields are
/// quoted as RFC 4180 says (those with a comma, a quote or a line break; quotes doubled),
/// records end with CRLF, and a field that a spreadsheet would read as a formula gets a `'`
/// first ([`csv_field`]). Positions the corpus does not have are skipped, and so are entity
/// ids its table does not have.
pub fn to_csv(corpus: &Corpus, positions: &[u32]) -> String {
    whole(corpus, positions, Format::Csv)
}

/// The articles at `positions` as a JSON array of objects: `id`, `title`, `date`, `lang` (the
/// article's language code), `source`, `url` (null when unknown) and `entities` (`id`, `name`, `type`: `PER`, `LOC`, `ORG`, `DATE`),
/// pretty-printed.
pub fn to_json(corpus: &Corpus, positions: &[u32]) -> String {
    whole(corpus, positions, Format::Json)
}

/// One CSV field: a value starting with `=`, `+`, `-`, `@`, a tab or a carriage return (what
/// spreadsheets read as a formula: "CSV injection") gets a `'` before it, so it is shown as
/// text; then the field is quoted, its quotes doubled, when it has a comma, a quote, a line
/// break or that `'`-less leading character would need it.
pub fn csv_field(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// The most characters of a view's file name ([`file_name`]).
const FILE_NAME_CHARS: usize = 100;

/// The name (without its extension) of the files a view of the home page downloads as:
/// `kiosque-` and what narrows the view, each part in letters, digits and hyphens, apart by
/// `_` — its entities' ids, `q-` and its search, its languages, sources and period — cut at a
/// hundred characters; `kiosque-articles` for every article. A second export of another view
/// then has a name of its own, and says what it holds.
pub fn file_name(selection: &crate::Selection) -> String {
    let mut parts: Vec<String> = selection
        .entities()
        .iter()
        .map(|id| id.as_str().to_owned())
        .collect();
    if let Some(query) = selection.search_query() {
        parts.push(format!("q-{}", file_part(query)));
    }
    parts.extend(selection.langs().iter().map(|code| file_part(code)));
    parts.extend(selection.sources().iter().map(|source| file_part(source)));
    let (from, to) = selection.period_bounds();
    let period: Vec<String> = [from, to].into_iter().flatten().map(file_part).collect();
    if !period.is_empty() {
        parts.push(period.join("-"));
    }
    parts.retain(|part| !part.is_empty() && part != "q-");
    if parts.is_empty() {
        return "kiosque-articles".to_owned();
    }
    let mut name = format!("kiosque-{}", parts.join("_"));
    if name.len() > FILE_NAME_CHARS {
        // ASCII: cut anywhere, without a hyphen or `_` left at the end.
        name.truncate(FILE_NAME_CHARS);
        let kept = name.trim_end_matches(['-', '_']).len();
        name.truncate(kept);
    }
    name
}

/// `text` folded (lower case, no accents) with every run of other characters than ASCII letters
/// and digits as one hyphen, none at either end.
fn file_part(text: &str) -> String {
    let folded = crate::text::fold(text);
    let mut part = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            part.push(c);
        } else if !part.is_empty() && !part.ends_with('-') {
            part.push('-');
        }
    }
    let kept = part.trim_end_matches('-').len();
    part.truncate(kept);
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_s_file_is_named_after_what_narrows_it() {
        let name =
            |url: &[(&str, &str)]| file_name(&crate::Selection::from_url(url.iter().copied()));
        assert_eq!(name(&[]), "kiosque-articles");
        assert_eq!(name(&[("q", "  ")]), "kiosque-articles");
        assert_eq!(
            name(&[
                ("entity", "per-donald-trump,loc-washington"),
                ("q", "Élection présidentielle"),
                ("lang", "en"),
                ("source", "Le Monde / AFP"),
                ("from", "2019-01"),
                ("to", "2019-03"),
            ]),
            "kiosque-per-donald-trump_loc-washington_q-election-presidentielle_en_le-monde-afp_2019-01-2019-03"
        );
        assert_eq!(name(&[("from", "2019")]), "kiosque-2019");
        let long = name(&[("q", &"mot ".repeat(60))]);
        assert!(long.len() <= 100 && !long.ends_with('-'), "{long}");
        assert!(long.starts_with("kiosque-q-mot-mot"), "{long}");
    }
    use crate::entity::Label;
    use crate::testing::{article, corpus, entity};

    fn sample() -> Corpus {
        let mut a = article("000-abc", &["loc-koursk", "per-x", "loc-ghost"]);
        a.title = "Koursk, \"jour 1\"\nsuite".to_owned();
        a.published = Some("2025-01-06".to_owned());
        a.lang = Some("fr".to_owned());
        a.source = Some("=HYPERLINK(\"http://evil\")".to_owned());
        a.url = Some("https://example.org/a?x=1,2".to_owned());
        let mut b = article("001-def", &[]);
        b.title = "@SUM(A1)".to_owned();
        corpus(
            vec![a, b],
            vec![
                entity("loc-koursk", Label::Place, 3),
                entity("per-x", Label::Person, 1),
            ],
        )
    }

    #[test]
    fn csv_has_a_header_quoted_fields_and_crlf_records() {
        let csv = to_csv(&sample(), &[0, 1]);
        assert_eq!(
            csv,
            "id,title,date,lang,source,url,entities,entity_ids\r\n\
             000-abc,\"Koursk, \"\"jour 1\"\"\nsuite\",2025-01-06,fr,\"'=HYPERLINK(\"\"http://evil\"\")\",\
             \"https://example.org/a?x=1,2\",loc-koursk; per-x,loc-koursk per-x\r\n\
             001-def,'@SUM(A1),,,,,,\r\n"
        );
    }

    #[test]
    fn formula_starts_are_defused_and_plain_text_is_left_alone() {
        for bad in ["=1+1", "+33 6", "-2", "@cmd", "\tx", "\rx"] {
            let field = csv_field(bad);
            assert!(
                field.starts_with('\'') || field.starts_with("\"'"),
                "{bad:?} -> {field:?}"
            );
        }
        assert_eq!(csv_field("Koursk"), "Koursk");
        assert_eq!(csv_field("a=b"), "a=b");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
    }

    #[test]
    fn json_lists_the_articles_in_order_with_their_known_entities() {
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&sample(), &[1, 0, 7])).expect("valid JSON");
        let list = json.as_array().expect("an array");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0]["id"], "001-def");
        assert_eq!(list[0]["date"], serde_json::Value::Null);
        assert_eq!(list[0]["lang"], serde_json::Value::Null);
        assert_eq!(list[1]["lang"], "fr");
        assert_eq!(list[1]["title"], "Koursk, \"jour 1\"\nsuite");
        assert_eq!(list[1]["url"], "https://example.org/a?x=1,2");
        assert_eq!(
            list[1]["entities"],
            serde_json::json!([
                { "id": "loc-koursk", "name": "loc-koursk", "type": "LOC" },
                { "id": "per-x", "name": "per-x", "type": "PER" },
            ])
        );
    }

    /// The file written a few articles at a time is the file written at once, whatever the
    /// pieces' size and wherever the list has positions the corpus lacks; the JSON is what
    /// serde_json pretty-prints of the list.
    #[test]
    fn a_file_written_in_pieces_is_the_file_written_at_once() {
        let corpus = sample();
        for positions in [
            &[][..],
            &[7],
            &[0],
            &[1, 0],
            &[7, 1, 7, 0, 1, 7],
            &[0, 1, 0, 1, 0, 7],
        ] {
            let rows: Vec<ExportArticle<'_>> =
                positions.iter().filter_map(|&p| row(&corpus, p)).collect();
            let reference = serde_json::to_string_pretty(&rows).expect("serialises");
            assert_eq!(to_json(&corpus, positions), reference, "{positions:?}");
            for format in [Format::Csv, Format::Json] {
                let at_once = whole(&corpus, positions, format);
                for size in [0, 1, 2, 3, 100] {
                    let mut export = Export::new(format);
                    let mut pieces = Vec::new();
                    while let Some(piece) = export.next_chunk(&corpus, positions, size) {
                        pieces.push(piece);
                        assert!(pieces.len() <= positions.len() + 1, "{positions:?}");
                    }
                    assert_eq!(pieces.concat(), at_once, "{format:?} {size} {positions:?}");
                    assert_eq!(pieces.len(), positions.len().div_ceil(size.max(1)).max(1));
                    assert_eq!(export.next_chunk(&corpus, positions, size), None);
                }
            }
        }
    }

    #[test]
    fn an_empty_list_is_a_header_or_an_empty_array() {
        let corpus = sample();
        assert_eq!(
            to_csv(&corpus, &[]),
            "id,title,date,lang,source,url,entities,entity_ids\r\n"
        );
        assert_eq!(to_json(&corpus, &[]), "[]");
    }
}
