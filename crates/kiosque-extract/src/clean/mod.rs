//! Cleaning: splitting a scraped page into typed parts — body paragraphs and headings, embedded
//! posts, related-article links and boilerplate — without dropping anything.
//!
//! The rules read the matching view of the page (see [`crate::normalize`]); the parts they
//! find are then placed on the displayed text, so a part's text is the input as written.

pub mod embed;
pub mod rules;
pub mod units;

use std::borrow::Cow;

use chrono::NaiveDate;
use kiosque_model::article::Noise;
use kiosque_model::text::fold;

use crate::dates::{DateExpr, find_dates};
use crate::normalize::Normalized;
use rules::MarkerKind;
use units::Unit;

/// A half-open range of code points in the displayed document.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

impl Span {
    /// Whether `other` lies within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// How the input is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain text: one paragraph per line.
    #[default]
    Text,
    /// Markdown: paragraphs separated by blank lines, `#` headings.
    Markdown,
}

/// What cleaning knows about the article beforehand.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// How the text is written.
    pub format: Format,
    /// The title from metadata, if any: a first line repeating it is typed as such.
    pub title: Option<&'a str>,
}

/// An embedded post.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EmbedInfo {
    /// `tweet`.
    pub platform: String,
    /// The author's display name, as written.
    pub author: Option<String>,
    /// Where the author's name is in the document.
    pub author_span: Option<Span>,
    /// The handle, with its `@`.
    pub handle: Option<String>,
    /// The date of the post.
    pub date: Option<NaiveDate>,
    /// Where the date is in the document.
    pub date_span: Option<Span>,
    /// The attached media link.
    pub media_link: Option<String>,
    /// The link to the post.
    pub url: Option<String>,
    /// Where the post's text is (the part's span also covers the attribution).
    pub text_span: Span,
}

/// What a part of the page is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A heading of the body.
    Heading,
    /// A paragraph of the body.
    Paragraph,
    /// An embedded post.
    Embed(EmbedInfo),
    /// A link to another article, introduced by `label`.
    Related {
        /// The marker as written ("A lire aussi").
        label: String,
        /// The link target, if known.
        url: Option<String>,
    },
    /// Not the article.
    Boilerplate(Noise),
}

/// A typed part of the page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Part {
    /// What it is.
    pub role: Role,
    /// Where it is in the displayed document (for embeds, with the attribution line).
    pub span: Span,
    /// Its text as displayed (for embeds, the post's text only; for related links, the title).
    pub text: String,
}

impl Part {
    /// The span of `text` in the document.
    pub fn text_span(&self) -> Span {
        match &self.role {
            Role::Embed(e) => e.text_span,
            _ => self.span,
        }
    }

    /// Whether entities are sought in this part (everything but boilerplate).
    pub fn is_article(&self) -> bool {
        !matches!(self.role, Role::Boilerplate(_))
    }
}

/// A cleaned page.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cleaned {
    /// The displayed text, with offsets back to the input (not kept in analyses files).
    #[serde(skip)]
    pub doc: Normalized,
    /// The matching view of [`Cleaned::doc`], with offsets back to it (not kept in analyses
    /// files).
    #[serde(skip)]
    pub matching: Normalized,
    /// The page in order, every unit of it typed.
    pub parts: Vec<Part>,
    /// A title line found in the text (when no title was given), as displayed.
    pub title_line: Option<String>,
    /// A dateline found in the text.
    pub dateline: Option<NaiveDate>,
}

impl Cleaned {
    /// The parts that make the article body (headings and paragraphs).
    pub fn body(&self) -> impl Iterator<Item = &Part> {
        self.parts
            .iter()
            .filter(|p| matches!(p.role, Role::Heading | Role::Paragraph))
    }

    /// The matching view of a part's text, which entity recognition and dates read.
    pub fn matching_text(&self, part: &Part) -> MatchingText<'_> {
        let span = part.text_span();
        let start = self.matching.normalized_of(span.start);
        let end = self.matching.normalized_of(span.end).max(start);
        let slice = self.matching.slice(start, end);
        // Markdown joins a paragraph's lines with spaces; an embed keeps its lines.
        let text = if matches!(part.role, Role::Embed(_)) || !slice.contains('\n') {
            Cow::Borrowed(slice)
        } else {
            Cow::Owned(slice.replace('\n', " "))
        };
        MatchingText {
            text,
            view: &self.matching,
            start,
            base: span.start,
        }
    }
}

/// A part's text as matched, with the way back to the part's text as displayed.
#[derive(Debug, Clone)]
pub struct MatchingText<'a> {
    /// The text as matched.
    pub text: Cow<'a, str>,
    view: &'a Normalized,
    /// Where the text starts in the matching view.
    start: u32,
    /// Where the part's text starts in the displayed document.
    base: u32,
}

impl MatchingText<'_> {
    /// The displayed span, in code points of the part's text, of the matched span
    /// `start..end` (code points of [`MatchingText::text`]): a soft hyphen or joiner inside
    /// the span is inside the displayed span too.
    pub fn displayed(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.view.original(self.start + start as u32);
        let last = self.view.original_end(self.start + end as u32).max(first);
        ((first - self.base) as usize, (last - self.base) as usize)
    }
}

/// How a unit was typed, before units are assembled into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tag {
    Unset,
    Heading,
    Noise(Noise),
    Dateline(NaiveDate),
    /// A related marker whose title is on the next unit.
    Marker,
    Related {
        label: String,
        text_span: Span,
    },
    /// Part of embed number `n`.
    Embed(usize),
}

/// Cleans one page.
pub fn clean(input: &str, options: &Options<'_>) -> Cleaned {
    // A byte-order mark that opens the text is an encoding mark, not text.
    let mut structural: Vec<std::ops::Range<usize>> = Vec::new();
    if input.starts_with('\u{FEFF}') {
        structural.push(0..'\u{FEFF}'.len_utf8());
    }
    if options.format == Format::Markdown {
        structural.extend(rules::footnote_references(input));
    }
    let doc = Normalized::displayed(input, &structural);
    let matching = Normalized::new(&doc.text, 0);
    let units = units::units(&matching.text, options.format);
    let mut tags = vec![Tag::Unset; units.len()];
    let mut embeds: Vec<EmbedInfo> = Vec::new();

    tag_line_noise(&units, &mut tags);
    tag_related(&units, &mut tags);
    tag_embeds(&units, &mut tags, &mut embeds);
    tag_footers(&units, &mut tags);
    tag_captions(&units, &mut tags);
    tag_teasers(&units, &mut tags);
    tag_listing(&units, &mut tags);
    let title_line = tag_title(&units, &mut tags, options);
    let dateline = tags.iter().find_map(|t| match t {
        Tag::Dateline(d) => Some(*d),
        _ => None,
    });

    let parts: Vec<Part> = assemble(&matching, &units, tags, embeds)
        .into_iter()
        .map(|part| displayed(part, &doc, &matching))
        .collect();
    let title_line = title_line.and_then(|_| {
        parts
            .iter()
            .find(|p| p.role == Role::Boilerplate(Noise::Title))
            .map(|p| p.text.clone())
    });
    Cleaned {
        doc,
        matching,
        parts,
        title_line,
        dateline,
    }
}

/// A part found on the matching view, placed on the displayed text: its spans cover the
/// characters the matching view left out, and its text is the input as written.
fn displayed(part: Part, doc: &Normalized, matching: &Normalized) -> Part {
    let place = |span: Span| {
        let (start, end) = matching.original_span(span.start, span.end);
        Span { start, end }
    };
    let role = match part.role {
        Role::Embed(mut e) => {
            e.text_span = place(e.text_span);
            e.author_span = e.author_span.map(place);
            e.date_span = e.date_span.map(place);
            if let Some(span) = e.author_span {
                e.author = Some(doc.slice(span.start, span.end).trim().to_owned());
            }
            Role::Embed(e)
        }
        role => role,
    };
    let span = place(part.span);
    let mut part = Part {
        role,
        span,
        text: String::new(),
    };
    let text_span = part.text_span();
    let text = doc.slice(text_span.start, text_span.end);
    // Markdown joins a paragraph's lines with spaces; an embed keeps its lines.
    part.text = if matches!(part.role, Role::Embed(_)) {
        text.to_owned()
    } else {
        text.replace('\n', " ")
    };
    part
}

fn tag_line_noise(units: &[Unit], tags: &mut [Tag]) {
    for (unit, tag) in units.iter().zip(tags.iter_mut()) {
        if unit.heading.is_some() {
            *tag = Tag::Heading;
        } else if let Some(noise) = rules::line_noise(&unit.text) {
            *tag = Tag::Noise(noise);
        } else if let Some(date) = whole_line_date(&unit.text) {
            *tag = Tag::Dateline(date);
        }
    }
}

/// A line that is nothing but a complete date ("Thursday, January 4, 2024").
fn whole_line_date(text: &str) -> Option<NaiveDate> {
    let trimmed = text.trim_end_matches(['.', ' ', '-', '—']);
    // A complete date has a year, four ASCII digits (`dates::find`'s YEAR): a line without
    // them is not searched (most lines; the search is the costly part of cleaning).
    if !trimmed
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let found = find_dates(trimmed);
    match found.as_slice() {
        [only] if only.start == 0 && only.end == trimmed.chars().count() => match only.expr {
            DateExpr::Full(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

fn tag_related(units: &[Unit], tags: &mut [Tag]) {
    let mut i = 0;
    while i < units.len() {
        if tags[i] != Tag::Unset {
            i += 1;
            continue;
        }
        let Some((label, kind, rest)) = rules::related_marker(&units[i].text) else {
            i += 1;
            continue;
        };
        if let Some(rest) = rest {
            let len = units[i].text.chars().count() as u32;
            let rest_len = rest.chars().count() as u32;
            let text_span = Span {
                start: units[i].span.start + len - rest_len,
                end: units[i].span.end,
            };
            tags[i] = Tag::Related { label, text_span };
            i += 1;
            continue;
        }
        let max_titles = match kind {
            MarkerKind::Inline => 1,
            MarkerKind::Section => usize::MAX,
        };
        let mut j = i + 1;
        let mut titles = 0;
        while j < units.len()
            && titles < max_titles
            && tags[j] == Tag::Unset
            && units[j].text.chars().count() <= 300
            && !rules::is_footer(&units[j].text)
            && rules::related_marker(&units[j].text).is_none()
        {
            tags[j] = Tag::Related {
                label: label.clone(),
                text_span: units[j].span,
            };
            titles += 1;
            j += 1;
        }
        tags[i] = if titles == 0 {
            Tag::Noise(Noise::Footer)
        } else {
            Tag::Marker
        };
        i = j;
    }
}

fn tag_embeds(units: &[Unit], tags: &mut [Tag], embeds: &mut Vec<EmbedInfo>) {
    for i in 0..units.len() {
        if tags[i] != Tag::Unset {
            continue;
        }
        let Some(att) = embed::attribution(&units[i].text) else {
            continue;
        };
        let unit = &units[i];
        let cp = |byte: usize| unit.span.start + unit.text[..byte].chars().count() as u32;
        // The post's text ends this unit and may start on earlier lines, up to a tweet's length.
        let mut first = i;
        let mut length = unit.text[..att.text_end].trim().chars().count();
        while first > 0 {
            let prev = &units[first - 1];
            let prev_len = prev.text.chars().count();
            if tags[first - 1] != Tag::Unset
                || prev.group != unit.group
                || length + prev_len + 1 > embed::MAX_POST_CHARS
            {
                break;
            }
            length += prev_len + 1;
            first -= 1;
        }
        let text_start = if first == i {
            // The post's text starts on the attribution line itself.
            let lead = unit.text.len() - unit.text.trim_start().len();
            cp(lead)
        } else {
            units[first].span.start
        };
        let text_end_byte = unit.text[..att.text_end].trim_end().len();
        let info = EmbedInfo {
            platform: "tweet".to_owned(),
            author: Some(att.author.clone()),
            author_span: Some(Span {
                start: cp(att.author_range.0),
                end: cp(att.author_range.1),
            }),
            handle: Some(att.handle.clone()),
            date: att.date,
            date_span: att.date_range.map(|(s, e)| Span {
                start: cp(s),
                end: cp(e),
            }),
            media_link: att.media_link.clone(),
            url: att.url.clone(),
            text_span: Span {
                start: text_start,
                end: cp(text_end_byte),
            },
        };
        let n = embeds.len();
        embeds.push(info);
        for tag in &mut tags[first..=i] {
            *tag = Tag::Embed(n);
        }
    }
}

/// Closing sections: from a footer heading near the end, everything after it that is short.
fn tag_footers(units: &[Unit], tags: &mut [Tag]) {
    // short_after[i]: every unit after i is short or already typed.
    let mut short_after = vec![true; units.len() + 1];
    for i in (0..units.len()).rev() {
        let short = tags[i] != Tag::Unset || units[i].text.chars().count() <= 300;
        short_after[i] = short && short_after[i + 1];
    }
    for i in 0..units.len() {
        let footer_heading =
            matches!(tags[i], Tag::Unset | Tag::Heading) && rules::is_footer(&units[i].text);
        if footer_heading && short_after[i + 1] {
            for (u, tag) in units[i..].iter().zip(&mut tags[i..]) {
                // A post keeps its lines: a footer-like line inside it is the post's text.
                let in_post = matches!(tag, Tag::Embed(_));
                if matches!(tag, Tag::Unset | Tag::Heading)
                    || (!in_post && rules::is_footer(&u.text))
                {
                    *tag = Tag::Noise(Noise::Footer);
                }
            }
            return;
        }
    }
}

/// Captions: a small group of lines holding a credit line, a line just before an "Image:"
/// credit, and map captions.
fn tag_captions(units: &[Unit], tags: &mut [Tag]) {
    let mut i = 0;
    while i < units.len() {
        if !rules::is_credit(&units[i].text) {
            i += 1;
            continue;
        }
        // A photo credit ("Photo By:", "VIRIN:") closes a caption block of up to three lines
        // (alternative text, caption title, caption); an "Image:" credit follows one line.
        let lines = if units[i].text.starts_with("Image:") {
            1
        } else {
            3
        };
        let mut j = i;
        let mut taken = 0;
        while j > 0 && taken < lines {
            let prev = j - 1;
            let same_block = units[prev].group == units[i].group;
            if !same_block {
                break;
            }
            if rules::is_credit(&units[prev].text) {
                j = prev;
                continue;
            }
            if tags[prev] != Tag::Unset || units[prev].text.chars().count() > 300 {
                break;
            }
            tags[prev] = Tag::Noise(Noise::Caption);
            taken += 1;
            j = prev;
        }
        i += 1;
    }
    for (unit, tag) in units.iter().zip(tags.iter_mut()) {
        if *tag == Tag::Unset && rules::is_map_caption(&unit.text) {
            *tag = Tag::Noise(Noise::Caption);
        }
    }
}

/// Teasers: lines cut with an ellipsis, in runs of two or more or closing the page.
fn tag_teasers(units: &[Unit], tags: &mut [Tag]) {
    let candidate = |i: usize| tags[i] == Tag::Unset && rules::is_truncated(&units[i].text);
    let is_noise = |t: &Tag| matches!(t, Tag::Noise(_));
    let mut marked = vec![false; units.len()];
    // Runs of at least two, noise between them allowed.
    let mut run: Vec<usize> = Vec::new();
    let mut close = |run: &mut Vec<usize>| {
        if run.len() >= 2 {
            run.iter().for_each(|&j| marked[j] = true);
        }
        run.clear();
    };
    for (i, tag) in tags.iter().enumerate() {
        if candidate(i) {
            run.push(i);
        } else if !is_noise(tag) {
            close(&mut run);
        }
    }
    close(&mut run);
    // The trailing region: candidates after the last line of the article. A single long one
    // is more likely the article's own last paragraph cut by a paywall than a teaser.
    let mut trailing = Vec::new();
    for i in (0..units.len()).rev() {
        if candidate(i) {
            trailing.push(i);
        } else if !is_noise(&tags[i]) {
            break;
        }
    }
    let short = |i: &usize| units[*i].text.chars().count() <= 160;
    if trailing.len() >= 2 || trailing.iter().all(short) {
        trailing.iter().for_each(|&i| marked[i] = true);
    }
    for (tag, m) in tags.iter_mut().zip(marked) {
        if m {
            *tag = Tag::Noise(Noise::Teaser);
        }
    }
}

/// A listing page (a category or tag page) is made of teasers: short headlines, each followed
/// by a one-paragraph summary, and nothing longer. Such a page has no article body.
fn tag_listing(units: &[Unit], tags: &mut [Tag]) {
    let open: Vec<usize> = (0..units.len())
        .filter(|&i| tags[i] == Tag::Unset)
        .collect();
    let len = |i: usize| units[i].text.chars().count();
    if open.len() < 6 || open.iter().any(|&i| len(i) > 450) {
        return;
    }
    let headline = |i: usize| {
        len(i) <= 160
            && units[i].text.split_whitespace().count() >= 4
            && !units[i].text.ends_with(['.', '…', ':', ';', ','])
    };
    let summary = |i: usize| (60..=450).contains(&len(i));
    let mut paired = 0;
    let mut k = 0;
    while k + 1 < open.len() {
        if headline(open[k]) && summary(open[k + 1]) && !headline(open[k + 1]) {
            paired += 2;
            k += 2;
        } else {
            k += 1;
        }
    }
    if paired >= 8 && paired * 10 >= open.len() * 8 {
        for i in open {
            tags[i] = Tag::Noise(Noise::Teaser);
        }
    }
}

/// Types the title line: the given title repeated on the first line, or, with no title given,
/// a first line that reads as one (short, no closing punctuation, followed by more text).
fn tag_title(units: &[Unit], tags: &mut [Tag], options: &Options<'_>) -> Option<String> {
    let first = tags
        .iter()
        .position(|t| matches!(t, Tag::Unset | Tag::Heading))?;
    let text = &units[first].text;
    if let Some(title) = options.title {
        if fold(text) == fold(title) {
            tags[first] = Tag::Noise(Noise::Title);
        }
        return None;
    }
    let body_follows = tags[first + 1..].contains(&Tag::Unset);
    let ends_like_prose = text.ends_with(['.', '!', '?', '…', ':', ';', ',', '»', '"', '”']);
    let is_markdown_title = units[first].heading == Some(1);
    if body_follows && (is_markdown_title || (!ends_like_prose && text.chars().count() <= 160)) {
        tags[first] = Tag::Noise(Noise::Title);
        return Some(text.clone());
    }
    None
}

fn assemble(doc: &Normalized, units: &[Unit], tags: Vec<Tag>, embeds: Vec<EmbedInfo>) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::with_capacity(units.len());
    let mut embed_done: Vec<bool> = vec![false; embeds.len()];
    let text_of = |span: Span, unit: &Unit| -> String {
        let skip = (span.start - unit.span.start) as usize;
        unit.text
            .chars()
            .skip(skip)
            .take((span.end - span.start) as usize)
            .collect()
    };
    for (i, (unit, tag)) in units.iter().zip(&tags).enumerate() {
        let part = match tag {
            Tag::Marker => continue,
            Tag::Unset => Part {
                role: Role::Paragraph,
                span: unit.span,
                text: unit.text.clone(),
            },
            Tag::Heading => Part {
                role: Role::Heading,
                span: unit.span,
                text: unit.text.clone(),
            },
            Tag::Noise(noise) => boilerplate(unit, *noise),
            Tag::Dateline(_) => boilerplate(unit, Noise::Dateline),
            Tag::Related { label, text_span } => Part {
                role: Role::Related {
                    label: label.clone(),
                    url: None,
                },
                span: *text_span,
                text: text_of(*text_span, unit),
            },
            Tag::Embed(n) => {
                if embed_done[*n] {
                    continue;
                }
                embed_done[*n] = true;
                let info = embeds[*n].clone();
                let last = tags[i..]
                    .iter()
                    .take_while(|t| **t == Tag::Embed(*n))
                    .count()
                    + i
                    - 1;
                let text = doc
                    .slice(info.text_span.start, info.text_span.end)
                    .to_owned();
                Part {
                    span: Span {
                        start: unit.span.start,
                        end: units[last].span.end,
                    },
                    role: Role::Embed(info),
                    text,
                }
            }
        };
        parts.push(part);
    }
    parts
}

fn boilerplate(unit: &Unit, noise: Noise) -> Part {
    Part {
        role: Role::Boilerplate(noise),
        span: unit.span,
        text: unit.text.clone(),
    }
}

#[cfg(test)]
mod tests;
