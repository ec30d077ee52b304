//! Tests of the search index as a whole: built from articles, cut into shards, parsed, queried.

use std::collections::HashMap;

use super::build::build_cut;
use super::*;

/// A built index, parsed back as the app would read it.
struct Site {
    meta: Meta,
    shards: HashMap<String, Shard>,
    built: Built,
}

impl Site {
    /// Articles as (title, body paragraphs), newest first, in shards of about `shard_bytes`.
    fn new(articles: &[(&str, &[&str])], shard_bytes: usize) -> Site {
        // The index numbers them from the oldest.
        let docs = articles
            .iter()
            .rev()
            .map(|(title, body)| doc_terms(title, body))
            .collect();
        Site::of(build(docs, shard_bytes))
    }

    /// An index as built, parsed back.
    fn of(built: Built) -> Site {
        let meta = Meta::parse(std::str::from_utf8(&built.meta).expect("UTF-8")).expect("meta");
        let shards = built
            .shards()
            .map(|(path, bytes)| {
                let text = std::str::from_utf8(bytes).expect("UTF-8");
                (path.to_owned(), Shard::parse(text).expect("shard"))
            })
            .collect();
        Site {
            meta,
            shards,
            built,
        }
    }

    /// Runs `input` on the shards it says it needs, as the app does.
    fn search(&self, input: &str, within: Option<&[u32]>) -> Outcome {
        let query = Query::parse(input);
        let fetched: Vec<&Shard> = query
            .shard_files(&self.meta)
            .iter()
            .map(|path| &self.shards[path])
            .collect();
        query.run(self.meta.articles(), &fetched, within)
    }

    /// The articles `input` finds, best first.
    fn hits(&self, input: &str) -> Vec<u32> {
        self.search(input, None)
            .hits
            .iter()
            .map(|h| h.article)
            .collect()
    }
}

/// A small news corpus, newest first.
fn news(shard_bytes: usize) -> Site {
    Site::new(
        &[
            (
                "L’armée ukrainienne à Koursk",
                &["Les soldats de l'Ukraine tiennent Koursk depuis août."],
            ),
            (
                "Le ministère russe de la Défense",
                &["Il affirme avoir repris Kourakhove, dans le Donbass."],
            ),
            (
                "Kourakhove tombe",
                &["La ville de Kourakhove est tombée. Kourakhove était un bastion."],
            ),
            (
                "Defense spending in Europe",
                &["The defense of Ukraine costs Europe billions."],
            ),
            ("Saint-Denis", &["Une fête à Saint-Denis, loin de Kyiv."]),
        ],
        shard_bytes,
    )
}

#[test]
fn searches_are_case_and_accent_insensitive() {
    let site = news(0);
    assert_eq!(site.hits("koursk "), [0]);
    assert_eq!(site.hits("KOURSK "), [0]);
    // "Défense" (title of 1) and "defense" (title of 3).
    let mut defense = site.hits("defense ");
    defense.sort_unstable();
    assert_eq!(defense, [1, 3]);
    assert_eq!(site.hits("DÉFENSE "), site.hits("defense "));
    assert_eq!(site.hits("denis "), [4], "hyphens split words");
    assert_eq!(site.hits("armée "), [0], "apostrophes split words");
}

#[test]
fn the_last_word_is_a_prefix_while_it_is_typed() {
    let site = news(0);
    let hits = site.hits("kour");
    assert_eq!(hits.len(), 3, "koursk and kourakhove");
    assert_eq!(
        hits[2], 1,
        "the only one without the word in its title is last"
    );
    assert!(
        site.hits("kour ").is_empty(),
        "a finished word is not a prefix"
    );
    // Short words match only themselves: "ky" is not "kyiv".
    assert!(site.hits("ky").is_empty());
    assert_eq!(site.hits("kyiv"), [4]);
}

#[test]
fn typos_are_forgiven_in_longer_words_only() {
    let site = news(0);
    // 9 letters: two typos allowed; one is made.
    assert_eq!(site.hits("Kourakove "), [2, 1]);
    assert_eq!(site.hits("kourkahove "), [2, 1], "a swap is one typo");
    // 6 letters: one typo.
    assert_eq!(site.hits("kousrk "), [0]);
    // 4 letters: none ("kyev" is not "kyiv").
    assert!(site.hits("kyev ").is_empty());
    // A typo in the first two letters is not looked for (documented).
    assert!(site.hits("uoursk ").is_empty());
}

#[test]
fn exact_matches_rank_above_prefix_matches_and_typos_only_when_nothing_is_as_written() {
    // The same text but for the word: each article's only indexed word.
    let site = Site::new(
        &[("", &["bastions"]), ("", &["bastiom"]), ("", &["bastion"])],
        0,
    );
    // "bastion" typed, still a prefix: 2 exact, 0 prefix; 1 ("bastiom", a typo away) is
    // left out, as the word matches as written.
    assert_eq!(site.hits("bastion"), [2, 0]);
    let outcome = site.search("bastion", None);
    let scores: Vec<u32> = outcome.hits.iter().map(|h| h.score).collect();
    assert!(scores[0] > scores[1], "{scores:?}");
    assert!(!outcome.terms.contains(&"bastiom".to_owned()), "not marked");
    // A word that matches nothing as written finds its typos.
    assert_eq!(site.hits("bastiox "), [1, 2]);
}

#[test]
fn words_matched_without_a_typo_rank_before_title_words() {
    let site = Site::new(
        &[
            // 0: newest, "sentence" in its title: "senat" typed would match it through a
            // typo ("sent" is "senat" without its "a"), as a prefix.
            (
                "Paul Manafort receives second sentence",
                &["The judge sentenced him to more years."],
            ),
            // 1: "Sénat" in the body only.
            ("Le vote de la loi", &["Le Sénat a voté la loi mardi."]),
            // 2: "Sénat" in the title.
            ("Le Sénat vote", &["La loi est passée."]),
        ],
        0,
    );
    let outcome = site.search("senat", None);
    let order: Vec<(u32, u8)> = outcome.hits.iter().map(|h| (h.article, h.typos)).collect();
    assert_eq!(
        order,
        [(2, 0), (1, 0)],
        "the Sénat, not the sentence: the word matches as written"
    );
    // Only through typos: ranked among themselves by title words, as before.
    assert_eq!(site.hits("Senta "), [2, 1]);
}

/// A word that matches only through typos is taken as the term most articles have of those it
/// is a typo away from: "trunp" finds Trump's articles first, then the rarer names a typo away
/// (their names in titles do not put them first).
#[test]
fn a_typo_finds_the_common_word_before_rare_near_names() {
    let site = Site::new(
        &[
            // 0, 1: a rare name a typo away, in their titles.
            ("President Trunan speaks", &["Trunan said so."]),
            ("Trupot inaugurated", &["Trupot took office."]),
            // 2, 3, 4: the common name, in bodies only.
            ("A speech", &["Donald Trump spoke."]),
            ("A visit", &["Trump visited Paris."]),
            ("A meeting", &["Trump met Macron."]),
        ],
        0,
    );
    let outcome = site.search("trunp", None);
    let order: Vec<(u32, u8)> = outcome.hits.iter().map(|h| (h.article, h.typos)).collect();
    assert_eq!(&order[..3], [(2, 1), (3, 1), (4, 1)], "{order:?}");
    // Then both rare names, each two typos away (either first: the test is not about them).
    let mut rare = order[3..].to_vec();
    rare.sort_unstable();
    assert_eq!(rare, [(0, 2), (1, 2)], "{order:?}");
    // A word as written is still only itself.
    assert_eq!(site.hits("trunan"), [0]);
}

#[test]
fn title_words_rank_first_then_score_then_recency() {
    let site = Site::new(
        &[
            // 0: newest; "koursk" once in the body.
            ("Nouvelles du front", &["Koursk encore."]),
            // 1: "koursk" three times in a short body: a higher score than 0.
            ("Nouvelles du front", &["Koursk, Koursk, Koursk."]),
            // 2: "koursk" in the title.
            (
                "Koursk",
                &["Une longue journée de combats au front, loin de tout."],
            ),
            // 3: the same as 0, older.
            ("Nouvelles du front", &["Koursk encore."]),
        ],
        0,
    );
    let outcome = site.search("koursk ", None);
    let order: Vec<u32> = outcome.hits.iter().map(|h| h.article).collect();
    assert_eq!(order, [2, 1, 0, 3]);
    assert_eq!(outcome.hits[0].title_words, 1);
    assert_eq!(
        outcome.hits[2].score, outcome.hits[3].score,
        "a tie: recency breaks it"
    );
    // Two words in the title beat one.
    let site = Site::new(
        &[
            ("Koursk", &["Zelensky parle."]),
            ("Zelensky à Koursk", &["Rien."]),
        ],
        0,
    );
    assert_eq!(site.hits("koursk zelensky"), [1, 0]);
}

#[test]
fn many_ties_keep_recency_and_an_article_with_several_matching_terms_counts_once() {
    // 64 articles alike but for their age, each with two words the prefix "bastio" matches
    // (shards of 64 bytes: the terms in several), and every fifth with "bastion" in its title.
    let titles: Vec<String> = (0..64)
        .map(|i| {
            if i % 5 == 0 {
                "Bastion".to_owned()
            } else {
                "Front".to_owned()
            }
        })
        .collect();
    let body: &[&str] = &["Le bastion tient, les bastions tombent."];
    let articles: Vec<(&str, &[&str])> = titles.iter().map(|t| (t.as_str(), body)).collect();
    let site = Site::new(&articles, 64);
    let outcome = site.search("bastio", None);
    let order: Vec<u32> = outcome.hits.iter().map(|h| h.article).collect();
    let titled: Vec<u32> = (0..64).filter(|i| i % 5 == 0).collect();
    let untitled: Vec<u32> = (0..64).filter(|i| i % 5 != 0).collect();
    assert_eq!(
        order,
        [titled, untitled].concat(),
        "title first, then newest first"
    );
    // Each article once, with the better of its two terms' scores: the same for all the
    // untitled ones, which are alike.
    let scores: Vec<u32> = outcome.hits[13..].iter().map(|h| h.score).collect();
    assert!(
        scores.iter().all(|&s| s == scores[0] && s > 0),
        "{scores:?}"
    );
}

#[test]
fn every_word_must_match_and_a_filter_narrows() {
    let site = news(0);
    assert_eq!(site.hits("kourakhove donbass "), [1]);
    let outcome = site.search("kourakhove zzyzx ", None);
    assert!(outcome.hits.is_empty());
    assert_eq!(outcome.unmatched, ["zzyzx"]);
    // Within a set of articles (an entity's, say).
    let within = site.search("kourakhove ", Some(&[1, 4]));
    assert_eq!(
        within.hits.iter().map(|h| h.article).collect::<Vec<_>>(),
        [1]
    );
    assert!(site.search("kourakhove ", Some(&[])).hits.is_empty());
    assert!(
        within.unmatched.is_empty(),
        "a filter is not a word that matched nothing"
    );
}

#[test]
fn stopwords_and_single_letters_are_not_required() {
    let site = news(0);
    assert_eq!(site.hits("la ville de kourakhove "), [2]);
    assert_eq!(site.hits("the defense of "), site.hits("defense "));
    for nothing in ["", "  ", "la", "de la ", "the", "a b c", "l’"] {
        let query = Query::parse(nothing);
        assert!(query.is_empty(), "{nothing:?}: {:?}", query.words());
        assert!(site.search(nothing, None).hits.is_empty());
    }
}

#[test]
fn queries_keep_folded_words_once() {
    let cases: &[(&str, &[&str])] = &[
        ("L’Ukraine et la Russie", &["ukraine", "russie"]),
        ("Défense défense", &["defense"]),
        ("Saint-Denis", &["saint", "denis"]),
        ("2025 ", &["2025"]),
    ];
    for (input, words) in cases {
        assert_eq!(Query::parse(input).words(), *words, "{input:?}");
    }
}

#[test]
fn matched_terms_are_marked_in_the_text() {
    let site = news(0);
    let outcome = site.search("Défense kour", None);
    assert_eq!(
        outcome.hits.iter().map(|h| h.article).collect::<Vec<_>>(),
        [1]
    );
    assert!(
        outcome.terms.contains(&"kourakhove".to_owned()),
        "{:?}",
        outcome.terms
    );
    let text = "Le ministère russe de la DÉFENSE affirme avoir repris Kourakhove.";
    let marked: Vec<&str> = marks(text, &outcome.terms)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(marked, ["DÉFENSE", "Kourakhove"]);
}

#[test]
fn marks_are_valid_ranges_on_multibyte_text() {
    let terms = vec!["ete".to_owned(), "koursk".to_owned(), "oeuvre".to_owned()];
    let cases: &[(&str, &[&str])] = &[
        ("L’été à Koursk", &["été", "Koursk"]),
        (
            "ÉTÉ, été, e\u{301}te\u{301}!",
            &["ÉTÉ", "été", "e\u{301}te\u{301}"],
        ),
        ("Œuvre 🇺🇦 koursk", &["Œuvre", "koursk"]),
        ("Koursks", &[]),
        ("", &[]),
    ];
    for (text, expected) in cases {
        let ranges = marks(text, &terms);
        for pair in ranges.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{text:?}: sorted and apart");
        }
        let marked: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, *expected, "{text:?}");
        // Terms in any order (an `Outcome`'s come sorted) mark the same words.
        let unsorted: Vec<String> = terms.iter().rev().cloned().collect();
        assert_eq!(marks(text, &unsorted), ranges, "{text:?}, terms unsorted");
    }
    assert!(marks("Koursk", &[]).is_empty());
}

/// A corpus whose "kour…" terms fill several tiny shards.
fn many_kour() -> Site {
    let words: Vec<String> = (0..40).map(|i| format!("kour{i:02}x")).collect();
    let bodies: Vec<Vec<&str>> = words
        .iter()
        .map(|w| vec![w.as_str(), "abri zebre"])
        .collect();
    let articles: Vec<(&str, &[&str])> = bodies.iter().map(|b| ("", b.as_slice())).collect();
    Site::new(&articles, 64)
}

#[test]
fn every_term_is_in_exactly_one_shard_in_order() {
    let site = many_kour();
    let shards = site.built.shards().count();
    assert!(shards > 5, "{shards} shards");
    let mut all: Vec<String> = Vec::new();
    for path in site.meta.shard_files() {
        let shard = &site.shards[&path];
        let terms: Vec<&str> = shard.terms().collect();
        assert!(!terms.is_empty());
        all.extend(terms.iter().map(|t| (*t).to_owned()));
    }
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(all, sorted, "in order, each once");
    assert_eq!(all.len(), 42);
    assert!(site.built.shards().all(|(p, _)| p.starts_with("search/")));
    assert!(site.built.meta_path.starts_with("search/meta-"));
}

#[test]
fn a_prefix_over_several_shards_needs_them_all_and_only_them() {
    let site = many_kour();
    let total = site.meta.shard_files().count();
    let query = Query::parse("kour");
    let needed = query.shard_files(&site.meta);
    assert!(
        needed.len() > 2 && needed.len() < total,
        "{} of {total}",
        needed.len()
    );
    assert_eq!(site.hits("kour").len(), 40, "found in every shard it needs");
    // A short word (no typo) needs one shard; a longer one the shards of its first letters.
    assert_eq!(Query::parse("abri ").shard_files(&site.meta).len(), 1);
    assert_eq!(site.hits("abri ").len(), 40);
    assert_eq!(Query::parse("kour07x ").shard_files(&site.meta), needed);
    assert_eq!(
        site.hits("kour07x ")[0],
        7,
        "the exact match first, then typos"
    );
    // A word that sorts before every term, or after, needs no more than one.
    assert!(Query::parse("aa ").shard_files(&site.meta).len() <= 1);
    assert_eq!(Query::parse("zz ").shard_files(&site.meta).len(), 1);
    // A typo (6 letters: one allowed) is found across the shards of its first two letters.
    assert!(site.hits("kour7x ").contains(&7));
}

#[test]
fn the_same_articles_give_the_same_bytes() {
    let one = news(0).built;
    let two = news(0).built;
    assert_eq!(one, two);
    let tiny = news(100).built;
    assert!(tiny.shards().count() > one.shards().count());
    assert_ne!(
        one.meta_path, tiny.meta_path,
        "another layout, another name"
    );
}

#[test]
fn the_default_shard_size_grows_with_the_index() {
    let site = news(0);
    assert_eq!(site.built.shards().count(), 1, "a small site has one shard");
    assert_eq!(site.meta.articles(), 5);
}

#[test]
fn malformed_and_newer_files_are_refused_with_the_reason() {
    let newer = Shard::parse(r#"{"v":4,"t":{"koursk":{}}}"#).expect_err("newer");
    assert!(
        matches!(
            newer,
            SearchDataError::Version {
                found: 4,
                supported: 3
            }
        ),
        "{newer}"
    );
    assert!(newer.to_string().contains("version 4"));
    // Version 2 named each shard by its own fingerprint: its meta file is refused, by version.
    let format_2 =
        Meta::parse(r#"{"v":2,"articles":1,"segments":[[["a","search/00aa00aa00aa00aa.json"]]]}"#)
            .expect_err("format 2");
    assert!(matches!(
        format_2,
        SearchDataError::Version { found: 2, .. }
    ));
    // Version 1 numbered articles from the newest, with rarity in the scores: refused.
    let older = Shard::parse(r#"{"v":1,"t":[["koursk",[0,30]]]}"#).expect_err("older");
    assert!(matches!(older, SearchDataError::Version { found: 1, .. }));
    let older = Meta::parse(r#"{"v":1,"articles":1,"shards":[]}"#).expect_err("older");
    assert!(matches!(older, SearchDataError::Version { found: 1, .. }));
    let newer = Meta::parse(r#"{"v":9,"articles":1,"segments":[]}"#).expect_err("newer");
    assert!(matches!(newer, SearchDataError::Version { found: 9, .. }));
    let cases = [
        "",
        "{",
        r#"{"v":3}"#,
        r#"{"v":3,"t":[["b",[0,2]],["a",[0,2]]]}"#,
        r#"{"v":3,"t":[["a",[0,2,1]]]}"#,
        r#"{"v":3,"t":[["a",[4294967295,2,1,2]]]}"#,
        r#"{"v":3,"t":[["a",[-1,2]]]}"#,
    ];
    for text in cases {
        assert!(
            matches!(Shard::parse(text), Err(SearchDataError::Malformed(_))),
            "{text:?}"
        );
    }
    for text in [
        r#"{"v":3,"articles":1,"segments":[["00aa",["b","a"]]]}"#,
        r#"{"v":3,"articles":1,"segments":[["00aa",["a"]],["../../etc/passwd",["a"]]]}"#,
        r#"{"v":3,"articles":1,"segments":[["",["a"]]]}"#,
        r#"{"v":3,"articles":-1,"segments":[]}"#,
        r#"{"v":3,"articles":1,"shards":[]}"#,
        r#"{"v":3,"articles":1,"segments":[[["a","search/00aa.json"]]]}"#,
        r#"{"v":3,"articles":1,"segments":[["00aa",["a"]],["00aa",["b"]]]}"#,
    ] {
        assert!(
            matches!(Meta::parse(text), Err(SearchDataError::Malformed(_))),
            "{text:?}"
        );
    }
}

#[test]
fn article_numbers_beyond_the_site_do_not_break_a_search() {
    let shard = Shard::parse(r#"{"v":3,"t":[["koursk",[0,6,2,6,4000000000,6,290000000,6]]]}"#)
        .expect("numbers that fit");
    // Three articles: numbers 0 and 2 from the oldest are the articles 2 and 0 from the newest;
    // the others are none.
    let outcome = Query::parse("koursk ").run(3, &[&shard], None);
    assert_eq!(
        outcome.hits.iter().map(|h| h.article).collect::<Vec<_>>(),
        [0, 2]
    );
    let outcome = Query::parse("koursk ").run(3, &[&shard], Some(&[1, 2]));
    assert_eq!(
        outcome.hits.iter().map(|h| h.article).collect::<Vec<_>>(),
        [2]
    );
    assert!(
        Query::parse("koursk ")
            .run(0, &[&shard], None)
            .hits
            .is_empty()
    );
}

#[test]
fn only_meta_file_names_are_meta_paths() {
    let site = news(0);
    assert!(is_meta_path(&site.built.meta_path));
    for bad in [
        "",
        "search/meta-.json",
        "search/meta-../../x.json",
        "search/0123abcd.json",
        "https://example.com/search/meta-00.json",
        "search/meta-00ff.json/..",
    ] {
        assert!(!is_meta_path(bad), "{bad:?}");
    }
}

proptest::proptest! {
    /// Whatever a file or a reader gives, parsing and searching never panic.
    #[test]
    fn no_input_makes_a_search_panic(
        file in "\\{\"v\":3,\"t\":\\[(\\[\"[a-zé]{0,6}\",\\[[0-9,-]{0,12}\\]\\],?){0,4}\\]\\}",
        meta in "\\{\"v\":3,\"articles\":[0-9]{1,3},\"segments\":\\[(\\[\"[0-9a-f]{0,4}\",\\[(\"[a-z]{0,3}\",?){0,3}\\]\\],?){0,2}\\]\\}",
        articles in 0u32..12,
        input in "[a-zA-Zé’' -]{0,24}",
        within in proptest::collection::vec(0u32..8, 0..4),
    ) {
        let query = Query::parse(&input);
        if let Ok(shard) = Shard::parse(&file) {
            let _ = query.run(articles, &[&shard], None);
            let _ = query.run(articles, &[&shard, &shard], Some(&within));
        }
        if let Ok(meta) = Meta::parse(&meta) {
            let _ = query.shard_files(&meta);
        }
        let _ = marks(&input, query.words());
    }
}

#[test]
fn the_stopwords_typed_are_listed_as_ignored_and_a_search_of_stopwords_only_is_empty() {
    assert_eq!(
        Query::parse("Le Pen et la loi, LE PEN").ignored(),
        ["le", "et", "la"]
    );
    // Single letters are left out of the search too, but are no words to speak of.
    assert!(Query::parse("plan B").ignored().is_empty());
    assert!(Query::parse("Kourakhove").ignored().is_empty());
    assert!(Query::parse("contre").is_empty());
    assert_eq!(Query::parse("contre").ignored(), ["contre"]);
    let language = crate::ui::Language::En;
    assert_eq!(language.ignored_words(&[]), None);
    assert_eq!(
        language.ignored_words(&["the".to_owned()]).as_deref(),
        Some("“\u{2068}the\u{2069}” is not searched for (too common).")
    );
    assert_eq!(
        crate::ui::Language::Fr
            .ignored_words(&["le".to_owned(), "et".to_owned()])
            .as_deref(),
        Some(
            "«\u{a0}\u{2068}le\u{2069}\u{a0}» et «\u{a0}\u{2068}et\u{2069}\u{a0}» ne sont pas cherchés (trop courants)."
        )
    );
}

#[test]
fn a_word_being_typed_too_short_to_be_a_prefix_is_said_to_be_a_whole_word() {
    assert_eq!(Query::parse("gu").whole_word_only(), Some("gu"));
    assert_eq!(Query::parse("Kourakhove GU").whole_word_only(), Some("gu"));
    // Finished (a space after it), long enough to be a prefix, one letter (not searched), or
    // not the last word: nothing to say.
    for typed in ["gu ", "gue", "g", "gu kour", "le"] {
        assert_eq!(Query::parse(typed).whole_word_only(), None, "{typed:?}");
    }
    assert_eq!(
        crate::ui::Language::En.whole_word_only("gu"),
        "“\u{2068}gu\u{2069}” is searched as a whole word: one more letter finds the words that start with it."
    );
}

/// Articles of one length, `koursk` in some of them once to four times, `kiev` in others, each
/// with a word of its own: an index whose segments all have the same average length, so that
/// where it is cut changes no score.
fn even_docs(count: usize) -> Vec<DocTerms> {
    (0..count)
        .map(|i| {
            let own = format!("mot{i:03}");
            let mut body: Vec<&str> = vec![&own];
            let k = i % 5;
            body.extend(std::iter::repeat_n("koursk", k));
            body.extend(std::iter::repeat_n("kiev", 4 - k));
            doc_terms("Rapport quotidien", &[&body.join(" ")])
        })
        .collect()
}

#[test]
fn an_index_in_segments_ranks_as_one_wherever_it_is_cut() {
    let docs = even_docs(100);
    let one = Site::of(build_cut(docs.clone(), 0, String::new(), None, 100));
    assert_eq!(one.built.segments.len(), 1);
    let queries = [
        "koursk ",
        "kiev ",
        "kour",
        "kourks ",
        "rapport koursk",
        "mot04",
    ];
    for cut in [0, 1, 37, 96, 99] {
        let cut_site = Site::of(build_cut(docs.clone(), 0, String::new(), None, cut));
        assert_eq!(cut_site.built.segments.len(), if cut == 0 { 1 } else { 2 });
        for query in queries {
            assert_eq!(
                cut_site.search(query, None),
                one.search(query, None),
                "{query:?} cut at {cut}"
            );
            let within = [3, 50, 98];
            assert_eq!(
                cut_site.search(query, Some(&within)),
                one.search(query, Some(&within)),
                "{query:?} cut at {cut}, within"
            );
        }
    }
    // Rarer terms weigh more: an article with koursk once (in 80 articles) against one with kiev
    // once (in 80 too) ties; the most koursk first, the newest first among equals.
    let hits = one.search("koursk ", None).hits;
    assert_eq!(hits.len(), 80);
    assert!(hits.windows(2).all(|h| h[0].score >= h[1].score));
    let top: Vec<u32> = hits.iter().take(3).map(|h| h.article).collect();
    // Article numbers from the newest: doc i is article 99 − i; koursk four times in i % 5 == 4.
    assert_eq!(top, [0, 5, 10]);
}

#[test]
fn the_base_holds_all_but_fewer_than_an_eighth_and_stays_as_articles_are_added() {
    assert_eq!(base_size(0), 0);
    assert_eq!(base_size(5), 5);
    assert_eq!(base_size(10_000), 9_216);
    assert_eq!(base_size(100_000), 98_304);
    for n in (0..5_000).chain([99_999, 100_000, 1 << 20, u32::MAX - 1, u32::MAX]) {
        let base = base_size(n);
        assert!(base <= n && n - base <= (n / 8).max(1), "{n}: {base}");
    }
    // A newsroom's day, or a month, added to an archive: the same base.
    for n in [1_000u32, 10_000, 100_000] {
        assert_eq!(base_size(n), base_size(n + n / 100), "{n}");
    }
}

#[test]
fn a_base_kept_by_key_is_reused_as_is_and_one_of_another_key_is_built_again() {
    let docs = even_docs(100);
    let key = "base-of-these-articles".to_owned();
    let fresh = build_reusing(docs.clone(), 0, key.clone(), None);
    assert_eq!(fresh.segments.len(), 2);
    let base = fresh.base().expect("a base with its key").clone();
    assert_eq!(base.articles, 0..96);
    let read_back =
        Segment::of_shards(base.key.clone(), base.articles.clone(), base.shards.clone());
    assert_eq!(
        read_back.as_ref(),
        Some(&base),
        "what a build writes reads back as it was"
    );
    // The same articles with the base given: the same bytes.
    let again = build_reusing(docs.clone(), 0, key.clone(), Some(base.clone()));
    assert!(again.reused_base && !fresh.reused_base);
    assert_eq!(again.meta, fresh.meta);
    assert_eq!(again.segments, fresh.segments);
    // A base given under its key is taken as it is, unread: a marked one shows it was.
    let mut marked = base.clone();
    marked.shards[0].first = "marked".to_owned();
    let reused = build_reusing(docs.clone(), 0, key.clone(), Some(marked.clone()));
    assert_eq!(reused.segments[0].shards[0].first, "marked");
    assert!(
        Segment::of_shards(key.clone(), marked.articles.clone(), marked.shards.clone()).is_none(),
        "a file listed by another first term"
    );
    // Another key, or no key: built again.
    for (other, given) in [("other", marked.clone()), ("", marked.clone())] {
        let again = build_reusing(docs.clone(), 0, other.to_owned(), Some(given));
        assert_eq!(again.meta, fresh.meta, "{other:?}");
        assert!(!again.reused_base);
    }
    // The articles added after the newest leave the base's files as they were.
    let more = even_docs(101);
    let grown = build_reusing(more, 0, key.clone(), None);
    assert_eq!(grown.segments[0].shards, base.shards);
    assert_ne!(grown.meta, fresh.meta);
    // Unless the base steps up (104 articles: a base of 104): then it is made again, whatever
    // it is given (the caller's key names the base's articles, so it would differ too).
    let stepped = build_reusing(even_docs(104), 0, key.clone(), Some(base.clone()));
    assert!(!stepped.reused_base);
    assert_eq!(stepped.segments.len(), 1);
    assert_eq!(stepped, build_reusing(even_docs(104), 0, key, None));
}

#[test]
fn a_segment_read_back_is_checked_against_its_names_and_first_terms() {
    let built = build(even_docs(20), 300);
    let segment = built.segments[0].clone();
    assert!(segment.shards.len() > 2, "{} shards", segment.shards.len());
    let read = |shards: Vec<ShardFile>| {
        Segment::of_shards(String::new(), segment.articles.clone(), shards)
    };
    assert_eq!(read(segment.shards.clone()).as_ref(), Some(&segment));
    // Each shard is named by the stamp of them all and its place.
    for (n, shard) in segment.shards.iter().enumerate() {
        assert_eq!(shard.path, format!("search/{}-{n}.json", segment.stamp));
    }
    let mut edited = segment.shards.clone();
    edited[1].bytes.insert(20, b' ');
    assert!(read(edited).is_none(), "bytes that are not its name's");
    let mut renamed = segment.shards.clone();
    renamed[0].path = format!("search/{}-0.json", "0".repeat(16));
    assert!(read(renamed).is_none());
    let mut swapped = segment.shards.clone();
    swapped.swap(0, 1);
    assert!(read(swapped).is_none(), "shards out of their places");
    let mut dropped = segment.shards.clone();
    dropped.pop();
    assert!(read(dropped).is_none(), "a shard missing");
}

#[test]
fn an_article_is_weighed_against_the_base_s_average_length_in_either_segment() {
    // 96 short articles in the base, 4 long ones in the newest segment; "koursk" once in every
    // fourth short one and in each long one: a long article scores less (its one mention
    // weighs less in more words), as in one index; weighed against its own segment's average,
    // each would score the same.
    let mut docs: Vec<DocTerms> = (0..96)
        .map(|i| {
            let word = if i % 4 == 0 { "koursk" } else { "autre" };
            doc_terms("", &[&format!("{word} mot{i:03}")])
        })
        .collect();
    let long: Vec<String> = (0..12).map(|j| format!("long{j:02}")).collect();
    docs.extend((0..4).map(|i| doc_terms("", &[&format!("koursk neuf{i} {}", long.join(" "))])));
    let site = Site::of(build(docs, 0));
    assert_eq!(site.built.segments.len(), 2);
    let hits = site.search("koursk ", None).hits;
    assert_eq!(hits.len(), 28);
    // Numbered from the newest: the long articles are 0 to 3, ranked last.
    let last: Vec<u32> = hits[24..].iter().map(|h| h.article).collect();
    assert_eq!(last, [0, 1, 2, 3]);
    assert!(hits[23].score > hits[24].score * 2, "{hits:?}");
}

#[test]
fn an_index_of_articles_without_a_word_reads_back_and_finds_nothing() {
    // 17 articles: a base of 16 and a newest segment of 1, neither with a shard (both have the
    // stamp of nothing, which is no file listed twice).
    let docs: Vec<DocTerms> = (0..17).map(|_| doc_terms("", &["a à l’"])).collect();
    let built = build(docs, 0);
    assert_eq!(built.segments.len(), 2);
    assert!(built.segments.iter().all(|s| s.shards.is_empty()));
    let meta = Meta::parse(std::str::from_utf8(&built.meta).expect("UTF-8"))
        .expect("its own meta file reads");
    assert_eq!(meta.shard_files().count(), 0);
    let query = Query::parse("koursk");
    assert!(query.shard_files(&meta).is_empty());
    assert!(query.run(meta.articles(), &[], None).hits.is_empty());
}
