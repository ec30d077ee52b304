//! Queries: what a reader typed, the shards it needs, and its ranked hits.

use std::collections::BTreeSet;

use super::files::{Meta, Shard};
use super::terms::{folded_words, is_stopword};
use super::typo;
use crate::text::fold;

/// Query words shorter than this (in characters) match only themselves: "a" or "le" would
/// otherwise expand to a large part of the index.
pub const MIN_PREFIX_CHARS: usize = 3;

/// How a match counts, by kind: exact above prefix above typo.
const EXACT: u32 = 4;
const PREFIX: u32 = 2;
const TYPO: u32 = 1;

/// A parsed query: the folded words every hit must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<String>,
    /// Whether the last word is matched as a prefix (it is still being typed).
    last_is_prefix: bool,
    /// The stopwords typed, left out (single letters are not listed).
    ignored: Vec<String>,
}

/// The result of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Every article that matches every word, best first.
    pub hits: Vec<Hit>,
    /// The index terms that matched (sorted), for marking them in the text.
    pub terms: Vec<String>,
    /// The query words that matched nothing in the index (then there is no hit).
    pub unmatched: Vec<String>,
}

/// One article that matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Its number: its position in `index.json`'s `articles`.
    pub article: u32,
    /// How many typos the query words it matches only through typos count (none of their
    /// exact or prefix matches is in it): one for the term most articles have of those a typo
    /// away, two for the others; fewer rank first.
    pub typos: u8,
    /// How many query words match in its title.
    pub title_words: u8,
    /// Its score (BM25 of the words, weighted by kind of match).
    pub score: u32,
}

/// How one query word is matched.
struct Word {
    text: String,
    chars: Vec<char>,
    prefix: bool,
    typos: usize,
}

impl Word {
    fn new(text: &str, prefix: bool) -> Word {
        let chars: Vec<char> = text.chars().collect();
        Word {
            prefix: prefix && chars.len() >= MIN_PREFIX_CHARS,
            typos: typo::allowed(chars.len()),
            chars,
            text: text.to_owned(),
        }
    }

    /// What all of this word's matches start with: the word itself, or, when a typo is
    /// allowed, the letters a typo never touches.
    fn range_prefix(&self) -> &str {
        if self.typos == 0 {
            return &self.text;
        }
        let end = self
            .text
            .char_indices()
            .nth(typo::KEPT)
            .map_or(self.text.len(), |(i, _)| i);
        &self.text[..end]
    }

    /// Whether matches may be other terms than the word itself.
    fn expands(&self) -> bool {
        self.prefix || self.typos > 0
    }

    /// How `term` matches this word, if it does: its weight (`scratch` is reused from term
    /// to term).
    fn weight(&self, term: &str, scratch: &mut Scratch) -> Option<u32> {
        if term == self.text {
            return Some(EXACT);
        }
        if self.prefix && term.starts_with(&self.text) {
            return Some(PREFIX);
        }
        if self.typos == 0 || !term.starts_with(self.range_prefix()) {
            return None;
        }
        // Most candidates are too long or too short for a typo: told apart without measuring
        // (in ASCII, bytes are characters).
        let (term_length, length) = (term.len(), self.text.len());
        if term.is_ascii() && self.text.is_ascii() {
            let too_short = term_length + self.typos < length;
            if too_short || (!self.prefix && term_length > length + self.typos) {
                return None;
            }
            // In ASCII, bytes are characters: measured without decoding.
            let (query, term) = (self.text.as_bytes(), term.as_bytes());
            return typo::within_using(query, term, self.typos, self.prefix, &mut scratch.rows)
                .map(|_| TYPO);
        }
        scratch.chars.clear();
        scratch.chars.extend(term.chars());
        let Scratch { chars, rows } = scratch;
        typo::within_using(&self.chars, chars, self.typos, self.prefix, rows).map(|_| TYPO)
    }
}

/// What matching a query word against many terms reuses from one term to the next.
#[derive(Debug, Default)]
struct Scratch {
    chars: Vec<char>,
    rows: typo::Rows,
}

impl Query {
    /// Parses what the reader typed: its words folded, stopwords and single letters dropped,
    /// each word once. The last word is a prefix unless the input ends with a space.
    pub fn parse(input: &str) -> Query {
        let folded = fold(input);
        let mut words: Vec<String> = Vec::new();
        let mut ignored: Vec<String> = Vec::new();
        let mut last_kept = false;
        for word in folded_words(&folded) {
            last_kept = false;
            if word.chars().nth(1).is_none() {
                continue;
            }
            if is_stopword(word) {
                if !ignored.iter().any(|w| w == word) {
                    ignored.push(word.to_owned());
                }
                continue;
            }
            last_kept = true;
            if let Some(at) = words.iter().position(|w| w == word) {
                // Typed again: it is the last word now.
                let again = words.remove(at);
                words.push(again);
            } else {
                words.push(word.to_owned());
            }
        }
        let ends_in_word = folded
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        Query {
            words,
            last_is_prefix: last_kept && ends_in_word,
            ignored,
        }
    }

    /// The stopwords typed ("le", "the"), folded, each once in the order typed: left out of
    /// the search, which the reader is told.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }

    /// The word being typed, when it is too short to be a prefix ([`MIN_PREFIX_CHARS`]): it
    /// then matches only itself ("gu" finds the word "gu", not "guerre"), which the reader is
    /// told.
    pub fn whole_word_only(&self) -> Option<&str> {
        let last = self.words.last().filter(|_| self.last_is_prefix)?;
        (last.chars().count() < MIN_PREFIX_CHARS).then_some(last.as_str())
    }

    /// Whether there is nothing to search for (no words, or only stopwords).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The folded words every hit must match.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// How each word is matched.
    fn matchers(&self) -> Vec<Word> {
        let last = self.words.len().saturating_sub(1);
        self.words
            .iter()
            .enumerate()
            .map(|(i, w)| Word::new(w, self.last_is_prefix && i == last))
            .collect()
    }

    /// The shard files (relative to the data directory) that may hold a match of a word: in
    /// each segment, for each word, the shard where it would be, and, for a prefix or a word
    /// that may have a typo, every shard whose terms may start like its matches. Each file
    /// once, segment by segment, in term order.
    pub fn shard_files(&self, meta: &Meta) -> Vec<String> {
        let matchers = self.matchers();
        let mut files: Vec<String> = Vec::new();
        for segment in &meta.segments {
            let firsts = &segment.1;
            let mut needed: BTreeSet<usize> = BTreeSet::new();
            for word in &matchers {
                let start = |key: &str| firsts.partition_point(|first| first.as_str() <= key);
                // The shard the word itself would be in.
                needed.insert(start(&word.text).saturating_sub(1));
                if word.expands() {
                    let prefix = word.range_prefix();
                    let first = start(prefix).saturating_sub(1);
                    let mut i = first;
                    while i < firsts.len() && (i == first || firsts[i].starts_with(prefix)) {
                        needed.insert(i);
                        i += 1;
                    }
                }
            }
            files.extend(
                (needed.into_iter())
                    .filter(|&i| i < firsts.len())
                    .map(|i| segment.shard_path(i)),
            );
        }
        files
    }

    /// Runs the query on the shards fetched (those [`Query::shard_files`] named, each once;
    /// other shards of the index are harmless) of an index of `articles` articles (the meta
    /// file's): every article that matches every word, ranked by the number of words it
    /// matches only through a typo (fewest first), then the number of words in its title, then
    /// score, then recency (lower article number); only the articles in `within` (sorted
    /// article numbers) when given.
    /// Articles are numbered as in `index.json` (0 the newest): the files number them from the
    /// oldest, and a number past `articles` is no article.
    pub fn run(&self, articles: u32, shards: &[&Shard], within: Option<&[u32]>) -> Outcome {
        let mut outcome = Outcome::default();
        let mut matched_terms: BTreeSet<&str> = BTreeSet::new();
        // Per word: (article, weighted score, in title, typos it is matched through), by
        // article.
        let mut lists: Vec<Vec<(u32, u32, bool, u8)>> = Vec::new();
        let mut scratch = Scratch::default();
        let mut matches: Vec<(&super::files::Term, u32)> = Vec::new();
        for word in self.matchers() {
            let mut list: Vec<(u32, u32, bool, u8)> = Vec::new();
            matches.clear();
            matches.extend(
                shards
                    .iter()
                    .flat_map(|s| candidates(s, &word))
                    .filter_map(|term| Some((term, word.weight(&term.text, &mut scratch)?))),
            );
            // A term is in one shard of each segment that has it: its articles are those of
            // every segment, its rarity (BM25's idf) weighed over all of them.
            matches.sort_by(|a, b| a.0.text.cmp(&b.0.text));
            let df: Vec<usize> = matches
                .chunk_by(|a, b| a.0.text == b.0.text)
                .flat_map(|run| {
                    let total: usize = run.iter().map(|(term, _)| term.postings.len()).sum();
                    std::iter::repeat_n(total, run.len())
                })
                .collect();
            // Typos are forgiven only for a word that matches nothing as written: "election"
            // finds the elections, not "electronics" a letter away.
            let as_written = matches.iter().any(|&(_, weight)| weight > TYPO);
            // Through typos only, the term most articles have is taken as the word meant
            // ("trunp": Trump, not the rarer "Trunan" a typo away too): its articles count one
            // typo, those of the other terms two, so they come after.
            let meant = df.iter().filter(|_| !as_written).max().copied();
            for (&(term, weight), &df) in matches.iter().zip(&df) {
                if as_written && weight == TYPO {
                    continue;
                }
                matched_terms.insert(&term.text);
                let typos = match weight {
                    TYPO if Some(df) == meant => 1,
                    TYPO => 2,
                    _ => 0,
                };
                let idf = idf(articles, df);
                list.extend(term.postings.iter().filter_map(|&(number, packed)| {
                    let article = articles.checked_sub(number.checked_add(1)?)?;
                    let score = (f64::from(packed >> 1) * idf).round() as u32;
                    Some((
                        article,
                        score.max(1).saturating_mul(weight),
                        packed & 1 == 1,
                        typos,
                    ))
                }));
            }
            if list.is_empty() {
                outcome.unmatched.push(word.text.clone());
                continue;
            }
            // Best match of the word per article. Each term's postings are in article order
            // (from the oldest in the files, so descending here): a stable sort merges those
            // runs (it finds them) rather than sorting afresh.
            list.sort_by_key(|p| p.0);
            let mut merged: Vec<(u32, u32, bool, u8)> = Vec::with_capacity(list.len());
            for (article, score, title, typos) in list {
                match merged.last_mut() {
                    Some(last) if last.0 == article => {
                        last.1 = last.1.max(score);
                        last.2 |= title;
                        last.3 = last.3.min(typos);
                    }
                    _ => merged.push((article, score, title, typos)),
                }
            }
            lists.push(merged);
        }
        outcome.terms = matched_terms.into_iter().map(str::to_owned).collect();
        if !outcome.unmatched.is_empty() || lists.is_empty() {
            return outcome;
        }
        // AND: the shortest list, kept where every other list has the article (picked, not
        // sorted for: a sort of lists would be one more sort routine in the app).
        if let Some(shortest) = (0..lists.len()).min_by_key(|&i| lists[i].len()) {
            lists.swap(0, shortest);
        }
        let (first, others) = lists
            .split_first()
            .map_or((&[][..], &[][..]), |(f, o)| (f.as_slice(), o));
        let allowed = |article: u32| within.is_none_or(|w| w.binary_search(&article).is_ok());
        let mut hits: Vec<Hit> = Vec::new();
        'articles: for &(article, score, title, typos) in first {
            if !allowed(article) {
                continue;
            }
            let mut hit = Hit {
                article,
                typos,
                title_words: u8::from(title),
                score,
            };
            for list in others {
                let Ok(at) = list.binary_search_by_key(&article, |p| p.0) else {
                    continue 'articles;
                };
                let (_, score, title, typos) = list[at];
                hit.score = hit.score.saturating_add(score);
                hit.title_words = hit.title_words.saturating_add(u8::from(title));
                hit.typos = hit.typos.saturating_add(typos);
            }
            hits.push(hit);
        }
        // Fewer words matched only through a typo first (a reader who typed "senat" wants the
        // Sénat before "sentence" in a title), then more words in the title, then the score.
        // Hits are in article order: a stable sort keeps it for ties.
        hits.sort_by_key(|h| {
            std::cmp::Reverse(
                u64::from(u8::MAX - h.typos) << 40
                    | u64::from(h.title_words) << 32
                    | u64::from(h.score),
            )
        });
        outcome.hits = hits;
        outcome
    }
}

/// BM25's inverse document frequency of a term in `df` of `articles` articles (the same as
/// the index's builder used before segments: `ln(1 + (N − df + ½) / (df + ½))`).
fn idf(articles: u32, df: usize) -> f64 {
    let (n, df) = (f64::from(articles), df as f64);
    (1.0 + (n - df + 0.5).max(0.0) / (df + 0.5)).ln()
}

/// The terms of `shard` that may match `word`: the word itself, or those in the range its
/// matches start with.
fn candidates<'s>(shard: &'s Shard, word: &Word) -> &'s [super::files::Term] {
    let terms = &shard.terms;
    if !word.expands() {
        return match shard.find(&word.text) {
            Some(term) => std::slice::from_ref(term),
            None => &[],
        };
    }
    let prefix = word.range_prefix();
    let start = terms.partition_point(|t| t.text.as_str() < prefix);
    let end = start + terms[start..].partition_point(|t| t.text.starts_with(prefix));
    &terms[start..end]
}
