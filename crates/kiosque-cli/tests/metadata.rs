//! What the inputs say about an article is used as given or reported: a date that is not a
//! date, a language that is not a code and an id used twice are never changed silently, and
//! nothing is built twice or lost.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{build, index_json, stderr};
use serde_json::Value;

fn articles(data: &Path) -> Vec<Value> {
    index_json(data)["articles"]
        .as_array()
        .expect("articles")
        .clone()
}

#[test]
fn a_published_value_that_is_not_a_date_is_named_and_the_article_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = [
        r#"{"id": "month", "title": "Mois 13", "published": "2025-13-45", "text": "Un texte sans date."}"#,
        r#"{"id": "words", "title": "Des mots", "published": "not a date", "text": "Publié le lundi 6 janvier 2025 à Kyiv."}"#,
        r#"{"id": "number", "title": "Un nombre", "published": 20250101, "text": "Un autre texte."}"#,
        r#"{"id": "three", "title": "Trois", "published": 3, "text": "Encore un texte."}"#,
    ];
    fs::write(dir.path().join("dates.jsonl"), records.join("\n")).expect("write");
    let data = dir.path().join("data");
    let run = build(&[&dir.path().join("dates.jsonl")], &data);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains(r#"dates.jsonl:1: "published" is not a date: "2025-13-45" (expected a date such as 2025-01-06); ignored, and the article is left undated"#),
        "{err}"
    );
    assert!(
        err.contains(r#"dates.jsonl:2: "published" is not a date: "not a date""#)
            && err.contains("and the article is dated 2025-01-06 from its text"),
        "{err}"
    );
    // A number of eight digits is a date as scrapers write it (20250101); 3 is not.
    assert!(!err.contains("dates.jsonl:3:"), "{err}");
    assert!(
        err.contains(r#"dates.jsonl:4: "published" is not a date: "3""#),
        "{err}"
    );
    // The generic message would hide that a date was given.
    assert!(!err.contains("no publication date given"), "{err}");
    let articles = articles(&data);
    assert_eq!(articles.len(), 4, "no article is lost");
    let number = articles
        .iter()
        .find(|a| a["id"] == "number")
        .expect("number");
    assert_eq!(number["published"], "2025-01-01");
    let words = articles.iter().find(|a| a["id"] == "words").expect("words");
    assert_eq!(words["published"], "2025-01-06");
    assert_eq!(words["published_inferred"], true);
}

#[test]
fn a_language_is_an_iso_code_or_a_warning_and_detection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "La Russie a déclaré lundi avoir réalisé une avancée importante dans l’Est de l’Ukraine.";
    let record = |id: &str, lang: &str| {
        format!(
            r#"{{"id": "{id}", "title": "{id}", "published": "2025-01-06", "lang": {lang:?}, "text": {text:?}}}"#
        )
    };
    let lines = [
        record("tag", "fr-FR"),
        record("markup", "<b>"),
        record("name", "english"),
    ];
    fs::write(dir.path().join("langs.jsonl"), lines.join("\n")).expect("write");
    let data = dir.path().join("data");
    let run = build(&[&dir.path().join("langs.jsonl")], &data);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    assert!(
        err.contains(r#"langs.jsonl:2: "lang" is not an ISO 639-1 language code (such as "en" or "fr"): "<b>"; ignored, the language is detected from the text (detected: "fr")"#),
        "{err}"
    );
    assert!(
        err.contains(
            r#"langs.jsonl:3: "lang" is not an ISO 639-1 language code: "english" is read as "en""#
        ),
        "{err}"
    );
    assert!(
        !err.contains("langs.jsonl:1:"),
        "fr-FR is a valid tag: {err}"
    );
    let langs: BTreeMap<String, Value> = articles(&data)
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default().to_owned(),
                a["lang"].clone(),
            )
        })
        .collect();
    assert_eq!(langs["tag"], "fr");
    assert_eq!(langs["markup"], "fr", "detected, never \"\"");
    assert_eq!(langs["name"], "en");
}

/// `{id: title}` of a build of `inputs`, and its standard error.
fn ids_of(inputs: &[&Path], data: &Path) -> (BTreeMap<String, String>, String) {
    let run = build(inputs, data);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    let ids = articles(data)
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default().to_owned(),
                a["title"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (ids, err)
}

#[test]
fn clashing_ids_do_not_depend_on_the_input_order_and_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    fs::write(
        p.join("a.jsonl"),
        r#"{"id": "kyiv", "title": "Newer", "published": "2025-02-01", "text": "Kyiv in February."}"#,
    )
    .expect("write");
    fs::write(
        p.join("b.jsonl"),
        r#"{"id": "kyiv", "title": "Older", "published": "2025-01-01", "text": "Kyiv in January."}"#,
    )
    .expect("write");
    let (one, err) = ids_of(&[&p.join("a.jsonl"), &p.join("b.jsonl")], &p.join("one"));
    let (two, _) = ids_of(&[&p.join("b.jsonl"), &p.join("a.jsonl")], &p.join("two"));
    assert_eq!(one, two, "permalinks follow the articles, not the order");
    // The older article keeps the id; the other gets a suffix from its text, not -2.
    assert_eq!(one.get("kyiv").map(String::as_str), Some("Older"));
    let (other, title) = one.iter().find(|(id, _)| *id != "kyiv").expect("two ids");
    assert_eq!(title, "Newer");
    assert!(
        other.starts_with("kyiv-") && other.len() == "kyiv-".len() + 8 && other != "kyiv-2",
        "{other}"
    );
    let a = p.join("a.jsonl").display().to_string();
    let b = p.join("b.jsonl").display().to_string();
    assert!(
        err.contains(&format!(
            r#"warning: id "kyiv" is used by both {b}:1 and {a}:1: {a}:1 gets "{other}""#
        )),
        "{err}"
    );
    // Adding a third article with the id changes neither permalink.
    fs::write(
        p.join("c.jsonl"),
        r#"{"id": "kyiv", "title": "Newest", "published": "2025-03-01", "text": "Kyiv in March."}"#,
    )
    .expect("write");
    let (three, _) = ids_of(
        &[&p.join("c.jsonl"), &p.join("a.jsonl"), &p.join("b.jsonl")],
        &p.join("three"),
    );
    assert_eq!(three.get("kyiv").map(String::as_str), Some("Older"));
    assert_eq!(three.get(other.as_str()).map(String::as_str), Some("Newer"));
    assert_eq!(three.len(), 3);
}

#[test]
fn a_suffix_another_article_asks_for_is_never_given() {
    // The newer of two "kyiv" would get "kyiv-" and the first 8 digits of its text's
    // fingerprint; a third article asks for that very id: it keeps it, and the newer "kyiv"
    // gets the suffix of its text and metadata instead.
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let newer = "Kyiv in February.";
    let taken = format!("kyiv-{}", &kiosque_model::stamp::of_text(newer)[..8]);
    fs::write(
        p.join("a.jsonl"),
        format!(
            "{}\n{}\n{}\n",
            r#"{"id": "kyiv", "title": "Older", "published": "2025-01-01", "text": "Kyiv in January."}"#,
            format_args!(
                r#"{{"id": "kyiv", "title": "Newer", "published": "2025-02-01", "text": "{newer}"}}"#
            ),
            format_args!(
                r#"{{"id": "{taken}", "title": "Asked", "published": "2025-03-01", "text": "Odesa in March."}}"#
            ),
        ),
    )
    .expect("write");
    let (ids, _) = ids_of(&[&p.join("a.jsonl")], &p.join("data"));
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(ids.get("kyiv").map(String::as_str), Some("Older"));
    assert_eq!(
        ids.get(&taken).map(String::as_str),
        Some("Asked"),
        "{ids:?}"
    );
    let (given, _) = ids
        .iter()
        .find(|(_, title)| *title == "Newer")
        .expect("the newer article is built");
    assert!(
        given.starts_with("kyiv-") && given.len() == taken.len() && *given != taken,
        "{given}"
    );
}

#[test]
fn a_file_given_twice_or_inside_a_given_directory_is_read_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("mkdir");
    let file = corpus.join("story.txt");
    fs::write(
        &file,
        "---\ntitle: Une histoire\ndate: 2025-01-06\n---\nLa Russie et l’Ukraine.\n",
    )
    .expect("write");
    let (ids, err) = ids_of(&[&file, &corpus, &file], &dir.path().join("data"));
    assert_eq!(ids.len(), 1, "built once: {ids:?}");
    let warning = format!(
        "warning: {}: the same file as {}; read once",
        file.display(),
        file.display()
    );
    assert_eq!(err.matches(&warning).count(), 2, "{err}");
    // Another spelling of the same path is the same file too.
    let dotted = corpus.join(".").join("story.txt");
    let (ids, err) = ids_of(&[&corpus, &dotted], &dir.path().join("again"));
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(
        err.contains(&format!(
            "warning: {}: the same file as {}; read once",
            dotted.display(),
            file.display()
        )),
        "{err}"
    );
    // So is a hard link to it.
    #[cfg(unix)]
    {
        let linked = dir.path().join("linked.txt");
        fs::hard_link(&file, &linked).expect("linked");
        let (ids, err) = ids_of(&[&corpus, &linked], &dir.path().join("linked"));
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert!(
            err.contains(&format!(
                "warning: {}: the same file as {}; read once",
                linked.display(),
                file.display()
            )),
            "{err}"
        );
    }
}

#[test]
fn an_article_given_twice_is_built_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = r#"{"id": "dup", "title": "Deux fois", "published": "2025-01-06", "text": "Le même texte."}"#;
    fs::write(
        dir.path().join("dups.jsonl"),
        format!("{record}\n{record}\n"),
    )
    .expect("write");
    let (ids, err) = ids_of(&[&dir.path().join("dups.jsonl")], &dir.path().join("data"));
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(
        err.contains("dups.jsonl:2: the same article as ")
            && err.contains("dups.jsonl:1 (identical text and metadata); built once"),
        "{err}"
    );
}

/// The same text under another id (one article scraped twice, or a story republished): not a
/// copy, so both are built, and said, naming the first by origin whatever the input order.
#[test]
fn the_same_text_under_another_id_is_built_and_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Deux fois", "published": "2025-01-06", "text": "Emmanuel Macron a reçu Olaf Scholz à Paris."}}"#
        )
    };
    fs::write(dir.path().join("a.jsonl"), record("old-id") + "\n").expect("write");
    fs::write(dir.path().join("b.jsonl"), record("new-id") + "\n").expect("write");
    let (ids, err) = ids_of(
        &[&dir.path().join("b.jsonl"), &dir.path().join("a.jsonl")],
        &dir.path().join("data"),
    );
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(
        err.contains("b.jsonl:1: the same text as ")
            && err.contains(
                "a.jsonl:1, with other metadata (id, title, date or source): both are built"
            ),
        "{err}"
    );
}

/// An archive's many articles with the same problem: the first ten of each kind are named, then
/// how many more, the same when a build with nothing changed stops early (a file whose reading
/// warned of something, here a date that is not one, is not read again: its warnings are
/// recorded with it); `--all-messages` names every one (and `--all-warnings`, its first name).
#[test]
fn many_warnings_of_one_kind_are_counted_after_the_first_ten_unless_all_are_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records: Vec<String> = (0..25)
        .map(|i| format!(r#"{{"id": "a{i}", "title": "Sans date {i}", "text": "Un texte sans date, numéro {i}."}}"#))
        .chain(std::iter::once(
            r#"{"id": "bad", "title": "Mauvaise date", "published": "soon", "text": "Un texte."}"#.to_owned(),
        ))
        .chain(std::iter::repeat_n(
            r#"{"id": "again", "title": "Deux fois", "published": "2025-01-06", "text": "Le même texte."}"#.to_owned(),
            2,
        ))
        .collect();
    let input = dir.path().join("undated.jsonl");
    fs::write(&input, records.join("\n")).expect("write");
    let data = dir.path().join("data");
    let undated = |err: &str| err.matches("no publication date given or found").count();
    let more = "15 more articles with no publication date given or found in the text (`--all-messages` prints every one)";
    // The first build, one that records its settled inputs, then one that stops early and
    // says again what the last one said.
    let first = build(&[&input], &data);
    common::settle();
    let runs = [first, build(&[&input], &data), build(&[&input], &data)];
    assert!(
        stderr(&runs[2]).contains("was already up to date and was left as it was"),
        "{}",
        stderr(&runs[2])
    );
    for run in runs {
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(0), "{err}");
        // Ten named, and the line counting the others (which names the kind too).
        assert_eq!(undated(&err), 11, "{err}");
        assert!(
            err.contains("undated.jsonl:1: no publication date"),
            "{err}"
        );
        assert!(err.contains(more), "{err}");
        // The summary counts them all: 25 undated, the date that is not one, and the copy.
        assert!(
            err.contains("27 warnings about the inputs (see above)"),
            "{err}"
        );
        // Another kind is named whatever the count of the first.
        assert!(
            err.contains("undated.jsonl:28: the same article as")
                && err.contains(r#"undated.jsonl:26: "published" is not a date: "soon""#),
            "{err}"
        );
    }
    for flag in ["--all-messages", "--all-warnings"] {
        let all = common::kiosque(&[
            "build",
            &input.display().to_string(),
            "--out",
            &data.display().to_string(),
            flag,
        ]);
        let err = stderr(&all);
        assert_eq!(undated(&err), 25, "{flag}: {err}");
        assert!(!err.contains("more articles"), "{flag}: {err}");
    }
}

/// A scrape with many broken records of one kind (truncated JSON lines, records without text):
/// the first ten of each kind are named with their file and line, then how many more; the
/// summary still counts every one, the rest is built (exit status 1), and `--all-messages`
/// names every one, with `--quiet` too.
#[test]
fn many_errors_of_one_kind_are_counted_after_the_first_ten_unless_all_are_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut records: Vec<String> = (0..30)
        .map(|i| format!(r#"{{"id": "ok{i}", "title": "Bon {i}", "published": "2025-01-06", "text": "Un texte lisible, numéro {i}."}}"#))
        .collect();
    // 25 truncated lines, 3 records without text.
    for i in 0..25 {
        records.push(format!(
            r#"{{"id": "cut{i}", "title": "Coupé", "text": "Un texte coup"#
        ));
    }
    for i in 0..3 {
        records.push(format!(
            r#"{{"id": "empty{i}", "title": "Vide", "text": ""}}"#
        ));
    }
    let input = dir.path().join("scrape.jsonl");
    fs::write(&input, records.join("\n")).expect("write");
    let data = dir.path().join("data");
    let errors = |err: &str| err.lines().filter(|l| l.starts_with("error: ")).count();
    let run = build(&[&input], &data);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("scrape.jsonl:31: invalid JSON"), "{err}");
    assert!(err.contains("scrape.jsonl:40: invalid JSON"), "{err}");
    assert!(!err.contains("scrape.jsonl:41: invalid JSON"), "{err}");
    assert!(
        err.contains(
            "error: 15 more records that are not valid JSON (`--all-messages` prints every one)"
        ),
        "{err}"
    );
    // Another kind is named whatever the count of the first.
    assert!(err.contains("scrape.jsonl:58: record has no text"), "{err}");
    // Ten, three, and the line counting the others.
    assert_eq!(errors(&err), 14, "{err}");
    assert!(
        err.contains("28 records in 1 file could not be read and were skipped"),
        "{err}"
    );
    assert!(err.contains("built 30 article(s)"), "{err}");
    for extra in [&[][..], &["--quiet"][..]] {
        let mut args = vec![
            "build".to_owned(),
            input.display().to_string(),
            "--out".to_owned(),
            data.display().to_string(),
            "--all-messages".to_owned(),
        ];
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        let all = common::kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let err = stderr(&all);
        assert_eq!(all.status.code(), Some(1), "{err}");
        assert_eq!(err.matches("invalid JSON").count(), 25, "{extra:?}: {err}");
        assert!(!err.contains("more records"), "{extra:?}: {err}");
    }
}

/// `kiosque clean` prints what reading warned of as `build` does: the first ten of each kind,
/// then how many more, every one with `--all-messages`.
#[test]
fn clean_counts_many_warnings_of_one_kind_after_the_first_ten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records: Vec<String> = (0..25)
        .map(|i| {
            format!(r#"{{"id": "a{i}", "published": "soon", "text": "Un texte, numéro {i}."}}"#)
        })
        .collect();
    let input = dir.path().join("soon.jsonl");
    fs::write(&input, records.join("\n")).expect("write");
    let path = input.display().to_string();
    let run = common::kiosque(&["clean", &path]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 25);
    assert_eq!(err.matches("is not a date: ").count(), 10, "{err}");
    assert!(
        err.contains(
            "15 more articles whose given date is not a date (`--all-messages` prints every one)"
        ),
        "{err}"
    );
    let all = common::kiosque(&["clean", &path, "--all-messages"]);
    assert_eq!(
        stderr(&all).matches("is not a date").count(),
        25,
        "{}",
        stderr(&all)
    );
}

/// An article of nothing but boilerplate is said, by `build` and by `clean` alike, and kept.
#[test]
fn an_article_of_nothing_but_boilerplate_is_said_by_build_and_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("teasers.txt");
    fs::write(&input, "Lire aussi : La guerre en Ukraine\n\nPhoto : AFP\n").expect("write");
    let said = "teasers.txt: no body text was found (every block looks like boilerplate)";
    let run = build(&[&input], &dir.path().join("data"));
    assert!(stderr(&run).contains(said), "{}", stderr(&run));
    let clean = common::kiosque(&["clean", &input.display().to_string()]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(stderr(&clean).contains(said), "{}", stderr(&clean));
    assert_eq!(String::from_utf8_lossy(&clean.stdout).lines().count(), 1);
}

/// `kiosque clean` says of its inputs exactly what `build` says of the same ones: a date that
/// is not one and the date found in the text instead, a language that is not one and the one
/// detected, an article with no date at all, one line per entity label Kiosque does not use
/// (however many articles have it), an article of nothing but boilerplate.
#[test]
fn clean_warns_of_the_inputs_as_build_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Each text its own: the same text twice would be said too, by `build` alone.
    let text = |id: &str| {
        format!("La Russie a déclaré lundi 6 janvier 2025 avoir réalisé une avancée ({id}).")
    };
    let undated =
        "La Russie a déclaré avoir réalisé une avancée importante dans l’Est de l’Ukraine.";
    let misc = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "{id}", "published": "2025-01-07", "lang": "fr", "text": {:?}, "ents": [{{"start": 3, "end": 9, "label": "MISC"}}]}}"#,
            text(id)
        )
    };
    let lines = [
        format!(
            r#"{{"id": "soon", "title": "Soon", "published": "soon", "text": {:?}}}"#,
            text("soon")
        ),
        format!(
            r#"{{"id": "markup", "title": "Markup", "published": "2025-01-06", "lang": "<b>", "text": {:?}}}"#,
            text("markup")
        ),
        format!(r#"{{"id": "undated", "title": "Undated", "lang": "fr", "text": {undated:?}}}"#),
        misc("misc-1"),
        misc("misc-2"),
    ];
    let records = dir.path().join("records.jsonl");
    fs::write(&records, lines.join("\n")).expect("write");
    let teasers = dir.path().join("teasers.txt");
    fs::write(
        &teasers,
        "Lire aussi : La guerre en Ukraine\n\nPhoto : AFP\n",
    )
    .expect("write");
    let inputs = [records.display().to_string(), teasers.display().to_string()];
    let data = dir.path().join("data").display().to_string();

    let built = common::kiosque(&[
        "build",
        &inputs[0],
        &inputs[1],
        "--out",
        &data,
        "--all-messages",
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let cleaned = common::kiosque(&["clean", &inputs[0], &inputs[1], "--all-messages"]);
    assert!(cleaned.status.success(), "{}", stderr(&cleaned));
    let said = common::messages(&cleaned);
    assert_eq!(said, common::messages(&built));
    let dir = dir.path().display();
    for expected in [
        format!(
            r#"{dir}/records.jsonl:1: "published" is not a date: "soon" (expected a date such as 2025-01-06); ignored, and the article is dated 2025-01-06 from its text"#
        ),
        format!(
            r#"{dir}/records.jsonl:2: "lang" is not an ISO 639-1 language code (such as "en" or "fr"): "<b>"; ignored, the language is detected from the text (detected: "fr")"#
        ),
        format!("{dir}/records.jsonl:3: no publication date given or found in the text"),
        format!(
            r#"entity label "MISC" is not one Kiosque uses (PER/PERSON, LOC/GPE/FAC, ORG, DATE): 2 spans in 2 records left out (the first in {dir}/records.jsonl:4)"#
        ),
        format!("{dir}/teasers.txt: no body text was found (every block looks like boilerplate)"),
    ] {
        assert!(
            said.iter().any(|l| l.ends_with(&expected)),
            "{expected}\nnot in:\n{}",
            said.join("\n")
        );
    }
}
