//! A rebuild into the same `--out` reuses the files it would write again unchanged (hard links
//! to the previous tree's), writes only those whose content changed, and its output is byte for
//! byte a clean build's: same files, same bytes, whatever state the previous tree was left in.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{body_json, build, index_json, kiosque, read_site, stderr, tree};

/// The device and inode of every file of the site but its manifest, by relative path.
#[cfg(unix)]
fn inodes(site: &Path) -> BTreeMap<PathBuf, (u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    tree(site)
        .into_keys()
        .filter(|rel| rel != Path::new("kiosque-manifest.txt"))
        .map(|rel| {
            let meta = fs::symlink_metadata(site.join(&rel)).expect("metadata");
            (rel, (meta.dev(), meta.ino()))
        })
        .collect()
}

/// The site's files in directory `dir` (`summaries`, `bodies`…).
fn files_in(files: &BTreeMap<PathBuf, Vec<u8>>, dir: &str) -> BTreeSet<PathBuf> {
    files
        .keys()
        .filter(|rel| rel.starts_with(dir))
        .cloned()
        .collect()
}

fn article(dir: &Path, name: &str, title: &str, text: &str) {
    fs::write(
        dir.join(name),
        format!("---\ntitle: {title}\ndate: 2025-01-06\n---\n{text}\n"),
    )
    .expect("write");
}

/// Five articles on distinct subjects.
fn corpus_a(dir: &Path) {
    fs::create_dir_all(dir).expect("mkdir");
    for (i, (person, place)) in [
        ("Emmanuel Macron", "Paris"),
        ("Olaf Scholz", "Berlin"),
        ("Giorgia Meloni", "Rome"),
        ("Volodymyr Zelensky", "Kyiv"),
        ("Pedro Sánchez", "Madrid"),
    ]
    .into_iter()
    .enumerate()
    {
        article(
            dir,
            &format!("a{i}.txt"),
            &format!("{person} à {place}"),
            &format!(
                "{person} s’est rendu à {place} le {} janvier 2025 pour rencontrer des représentants de l’ONU. La réunion a porté sur l’économie.",
                i + 3
            ),
        );
    }
}

/// Corpus A with one article changed and one added.
fn corpus_b(dir: &Path) {
    corpus_a(dir);
    article(
        dir,
        "a1.txt",
        "Olaf Scholz à Berlin",
        "Olaf Scholz a reçu à Berlin le 4 janvier 2025 des représentants de l’OTAN. Ils ont parlé de défense.",
    );
    article(
        dir,
        "a5.txt",
        "Karl Nehammer à Vienne",
        "Karl Nehammer a accueilli à Vienne le 9 janvier 2025 une conférence sur l’énergie.",
    );
}

fn built(inputs: &Path, out: &Path) {
    let result = build(&[inputs], out);
    assert!(
        result.status.success(),
        "build of {} into {}: {}",
        inputs.display(),
        out.display(),
        stderr(&result)
    );
}

/// `out` has the bytes of a `--no-cache` build of `inputs` (made beside `out`, then removed).
fn assert_a_clean_build(inputs: &Path, out: &Path, what: &str) {
    let clean = out.with_extension("clean");
    let _ = fs::remove_dir_all(&clean);
    let result = kiosque(&[
        "build",
        &inputs.display().to_string(),
        "--out",
        &clean.display().to_string(),
        "--no-cache",
    ]);
    assert!(result.status.success(), "{what}: {}", stderr(&result));
    assert!(tree(out) == tree(&clean), "{what}");
    fs::remove_dir_all(&clean).expect("removable");
}

/// No temporary tree is left beside `site`.
fn no_leftovers(site: &Path) {
    let parent = site.parent().expect("parent");
    let left: Vec<String> = fs::read_dir(parent)
        .expect("listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-") || n.contains(".old-"))
        .collect();
    assert!(left.is_empty(), "left beside the output: {left:?}");
}

#[test]
fn a_rebuild_equals_a_clean_build_and_reuses_the_unchanged_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    corpus_a(&a);
    corpus_b(&b);
    let out = dir.path().join("out");
    built(&a, &out);
    let first = tree(&out);
    #[cfg(unix)]
    let before = inodes(&out);

    built(&b, &out);
    let clean = dir.path().join("clean");
    built(&b, &clean);
    let second = tree(&out);
    assert_eq!(
        second.keys().collect::<Vec<_>>(),
        tree(&clean).keys().collect::<Vec<_>>(),
        "the rebuild has the files of a clean build"
    );
    assert!(
        second == tree(&clean),
        "the rebuild has the bytes of a clean build"
    );
    no_leftovers(&out);
    let index = index_json(&out).to_string();
    assert!(
        index.contains("OTAN") && index.contains("Karl Nehammer"),
        "{index}"
    );

    // Every file with the same bytes as before is the previous file itself, linked; the others
    // were written anew.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        for (rel, inode) in &inodes(&out) {
            let same_bytes = first.get(rel) == second.get(rel);
            assert_eq!(
                before.get(rel) == Some(inode),
                same_bytes,
                "{}: reused if and only if unchanged",
                rel.display()
            );
            // The previous tree is gone: its name for the file with it.
            assert_eq!(
                fs::metadata(out.join(rel)).expect("metadata").nlink(),
                1,
                "{}",
                rel.display()
            );
        }
    }

    // Built again from the same inputs: nothing changes, every file is kept.
    #[cfg(unix)]
    let kept = inodes(&out);
    built(&b, &out);
    assert!(tree(&out) == second);
    #[cfg(unix)]
    assert_eq!(inodes(&out), kept);
}

/// A letter code for `n` (`a`, `b`, … `ba`…): a word of its own in each article, no digit in it
/// (a number could be read as a date).
fn word(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    letters.reverse();
    String::from_utf8(letters).expect("ascii")
}

/// `count` JSON Lines records `rec-<n>` about a few people and places; the text of record
/// `changed` (if any) says one word differently.
fn many_records(count: usize, changed: Option<usize>) -> String {
    const PEOPLE: [&str; 6] = [
        "Emmanuel Macron",
        "Olaf Scholz",
        "Giorgia Meloni",
        "Volodymyr Zelensky",
        "Pedro Sánchez",
        "Donald Trump",
    ];
    const PLACES: [&str; 5] = ["Paris", "Berlin", "Rome", "Kyiv", "Madrid"];
    (0..count)
        .map(|n| {
            let (person, place) = (PEOPLE[n % PEOPLE.len()], PLACES[n % PLACES.len()]);
            let length = if Some(n) == changed { "long" } else { "court" };
            let record = serde_json::json!({
                "id": format!("rec-{n}"),
                "title": format!("{person} à {place}, note {}", word(n)),
                "published": format!("2025-01-{:02}", n % 28 + 1),
                "lang": "fr",
                "text": format!("{person} s’est rendu à {place} pour une réunion. Le compte rendu {} est {length}.", word(n)),
            });
            format!("{record}\n")
        })
        .collect()
}

/// Thousands of articles: several summary pages and many body files, read back whole; an
/// article changed changes its summary page, its body file and `site.json`, and no other file
/// of the site data (the search index aside) is written again.
#[test]
fn a_changed_article_rewrites_only_its_summary_page_its_body_file_and_site_json() {
    const COUNT: usize = 2500;
    const CHANGED: usize = 1234;
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in/articles.jsonl");
    fs::create_dir_all(input.parent().expect("parent")).expect("mkdir");
    let (out, clean) = (dir.path().join("out"), dir.path().join("clean"));
    // One analyses cache for the three builds: the clean build analyses nothing again.
    let cache = dir.path().join("analyses").display().to_string();
    let build = |out: &Path| {
        let (input, out) = (input.display().to_string(), out.display().to_string());
        let run = kiosque(&["build", &input, "--out", &out, "--cache", &cache, "--quiet"]);
        assert!(run.status.success(), "{}", stderr(&run));
    };
    fs::write(&input, many_records(COUNT, None)).expect("write");
    build(&out);
    let first = tree(&out);
    let (index, bodies) = read_site(&out);
    assert_eq!(index.articles.len(), COUNT);
    assert_eq!(bodies.len(), COUNT);
    let mut ids: Vec<&str> = bodies.iter().map(|a| a.body.id.as_str()).collect();
    ids.sort_unstable();
    let mut expected: Vec<String> = (0..COUNT).map(|n| format!("rec-{n}")).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "every article has its body, once");
    for article in &bodies {
        let summary = index
            .articles
            .iter()
            .find(|a| a.id == article.summary.id)
            .expect("in the index");
        assert_eq!(
            &article.summary, summary,
            "a body file's summary is the index's"
        );
    }
    assert!(
        files_in(&first, "summaries").len() >= 2,
        "{:?}",
        first.keys()
    );
    assert!(files_in(&first, "bodies").len() >= 64, "{:?}", first.keys());
    #[cfg(unix)]
    let before = inodes(&out);

    fs::write(&input, many_records(COUNT, Some(CHANGED))).expect("write");
    build(&out);
    build(&clean);
    let second = tree(&out);
    assert!(
        second == tree(&clean),
        "the rebuild has the bytes of a clean build"
    );
    assert!(
        common::body_json(&out, &format!("rec-{CHANGED}"))
            .to_string()
            .contains("est long"),
        "the changed article reads back changed"
    );
    let changed = |dir: &str| -> Vec<&PathBuf> {
        files_in(&second, dir)
            .iter()
            .filter(|rel| first.get(*rel) != second.get(*rel))
            .map(|rel| second.get_key_value(rel).expect("listed").0)
            .collect()
    };
    assert_eq!(changed("summaries").len(), 1, "one summary page");
    assert_eq!(changed("entities").len(), 0, "no entity part");
    let buckets = files_in(&second, "bodies").len() as u32;
    let bucket = kiosque_model::parts::bucket_path(
        kiosque_model::parts::bucket_of(&format!("rec-{CHANGED}"), buckets),
        buckets,
    );
    assert_eq!(
        changed("bodies"),
        [&PathBuf::from(&bucket)],
        "its body file"
    );
    assert_ne!(
        first.get(Path::new("site.json")),
        second.get(Path::new("site.json"))
    );
    // Every other file is the previous one, linked, not written again.
    #[cfg(unix)]
    for (rel, inode) in &inodes(&out) {
        if first.get(rel) == second.get(rel) {
            assert_eq!(
                before.get(rel),
                Some(inode),
                "{} was written again",
                rel.display()
            );
        }
    }
}

#[test]
fn a_rebuild_over_a_damaged_previous_tree_is_still_a_clean_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    corpus_a(&a);
    corpus_b(&b);
    let clean = dir.path().join("clean");
    built(&b, &clean);
    let expected = tree(&clean);

    /// The one file of the site in `dir`.
    fn one(out: &Path, dir: &str) -> PathBuf {
        fs::read_dir(out.join(dir))
            .expect("listable")
            .next()
            .expect("a file")
            .expect("entry")
            .path()
    }
    type Damage = fn(&Path);
    let damages: [(&str, Damage); 5] = [
        ("site.json is not JSON", |out| {
            fs::write(out.join("site.json"), "{\"summaries\": [").expect("write");
        }),
        ("site.json is missing", |out| {
            fs::remove_file(out.join("site.json")).expect("remove");
        }),
        ("a body file was deleted", |out| {
            fs::remove_file(one(out, "bodies")).expect("remove");
        }),
        ("a summary page was emptied", |out| {
            fs::write(one(out, "summaries"), "").expect("write");
        }),
        ("an entity part holds another part's bytes", |out| {
            let summaries = fs::read(one(out, "summaries")).expect("read");
            fs::write(one(out, "entities"), summaries).expect("write");
        }),
    ];
    for (what, damage) in damages {
        let out = dir.path().join(what.replace(' ', "-"));
        built(&a, &out);
        damage(&out);
        built(&b, &out);
        assert!(tree(&out) == expected, "{what}: not a clean build");
        no_leftovers(&out);
        // And rebuilt from the same inputs over the damage.
        damage(&out);
        built(&b, &out);
        assert!(
            tree(&out) == expected,
            "{what}, same inputs: not a clean build"
        );
    }
}

/// A file of the output that also has a name elsewhere (a backup made with `cp -al`) is not
/// shared with the new output: editing the backup in place later cannot change the site.
#[cfg(unix)]
#[test]
fn a_file_also_named_outside_the_output_is_written_anew() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a");
    corpus_a(&a);
    let out = dir.path().join("out");
    built(&a, &out);
    let expected = tree(&out);
    let before = inodes(&out);
    let shared = Path::new("bodies/0.json");
    let backup = dir.path().join("backup.json");
    fs::hard_link(out.join(shared), &backup).expect("link");

    built(&a, &out);
    assert!(tree(&out) == expected, "not a clean build");
    let after = inodes(&out);
    for (rel, inode) in &after {
        assert_eq!(
            before.get(rel) == Some(inode),
            rel != shared,
            "{}",
            rel.display()
        );
    }
    fs::write(&backup, "edited").expect("write");
    assert!(tree(&out) == expected, "the backup's edit reached the site");
    let meta = fs::metadata(out.join(shared)).expect("metadata");
    assert_eq!(meta.nlink(), 1);
}

/// A content-named part is trusted by its name only while it is the very file kiosque wrote:
/// another file moved over it, of the same length, is not reused.
#[test]
fn a_part_replaced_under_its_name_is_written_anew() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a");
    corpus_a(&a);
    let out = dir.path().join("out");
    built(&a, &out);
    let expected = tree(&out);
    for part in ["summaries", "entities"] {
        let name = fs::read_dir(out.join(part))
            .expect("listable")
            .next()
            .expect("a part")
            .expect("entry")
            .path();
        let text = fs::read_to_string(&name).expect("read");
        let forged = dir.path().join("forged.json");
        fs::write(&forged, text.replacen('e', "x", 1)).expect("write");
        fs::rename(&forged, &name).expect("moved over the part");
    }
    built(&a, &out);
    assert!(tree(&out) == expected, "not a clean build");
}

#[test]
fn a_file_edited_in_place_is_written_anew_not_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    corpus_a(&a);
    corpus_b(&b);
    for next in [&a, &b] {
        let out = dir.path().join("out");
        let _ = fs::remove_dir_all(&out);
        built(&a, &out);
        // Every file of the site data edited by hand, its length kept: its name still says
        // what it held.
        for rel in tree(&out).into_keys() {
            if rel == Path::new("kiosque-manifest.txt") {
                continue;
            }
            let path = out.join(&rel);
            let text = fs::read_to_string(&path).expect("read");
            let edited = text.replacen('e', "x", 1);
            assert_ne!(edited, text, "{}", rel.display());
            fs::write(&path, edited).expect("write");
        }
        built(next, &out);
        let clean = dir.path().join("clean");
        let _ = fs::remove_dir_all(&clean);
        built(next, &clean);
        assert!(
            tree(&out) == tree(&clean),
            "the rebuild has the bytes of a clean build"
        );
    }
}

/// A rebuild takes each unchanged article's `body_hash` from what the last build recorded of it
/// (`…/written/<output>.built`, keyed by the article's analysis, id and its mentions' entity
/// ids): an old article whose mention now links to another entity (its analysis unchanged) is
/// fingerprinted again, and the site is a clean build's; a damaged record is not used.
#[test]
fn an_article_whose_mentions_link_elsewhere_keeps_no_stale_fingerprint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = dir.path().join("in");
    fs::create_dir_all(&inputs).expect("mkdir");
    article(
        &inputs,
        "a0.txt",
        "À Kyiv",
        "Le président Zelensky s’est rendu à Kyiv le 3 janvier 2025. Selon Zelensky, l’économie va mieux.",
    );
    article(
        &inputs,
        "a1.txt",
        "Olaf Scholz à Berlin",
        "Olaf Scholz a reçu à Berlin le 4 janvier 2025 des représentants.",
    );
    let out = dir.path().join("out");
    built(&inputs, &out);
    let mentions = |site: &Path| {
        body_json(site, "a-kyiv")
            .to_string()
            .contains("per-zelensky")
    };
    assert!(mentions(&out), "alone, the surname is an entity of its own");
    let record = common::cache_dir()
        .join("written")
        .read_dir()
        .expect("the records")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "built")
                && fs::read_to_string(p).is_ok_and(|t| t.lines().count() == 4)
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("out-"))
        });
    let record = record.expect("a record of what the build made of its 2 articles");
    let first = index_json(&out);

    // A full name elsewhere: the old article's surname now links to it.
    article(
        &inputs,
        "a2.txt",
        "Volodymyr Zelensky à Lviv",
        "Volodymyr Zelensky s’est rendu à Lviv le 5 janvier 2025. Volodymyr Zelensky a rencontré des soldats.",
    );
    built(&inputs, &out);
    assert!(!mentions(&out), "the surname links to the full name");
    assert!(
        body_json(&out, "a-kyiv")
            .to_string()
            .contains("per-volodymyr-zelensky")
    );
    assert_a_clean_build(&inputs, &out, "the rebuild is a clean build");
    let hash = |index: &serde_json::Value, id: &str| {
        index["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["body_hash"].clone())
    };
    let second = index_json(&out);
    assert_ne!(hash(&first, "a-kyiv"), hash(&second, "a-kyiv"));
    assert_eq!(
        hash(&first, "olaf-scholz-a-berlin"),
        hash(&second, "olaf-scholz-a-berlin")
    );

    // A record damaged by hand (a fingerprint changed, the checksum not): not used.
    let text = fs::read_to_string(&record).expect("the record");
    let old = hash(&second, "a-kyiv")
        .and_then(|h| h.as_str().map(str::to_owned))
        .expect("a body_hash");
    assert!(text.contains(&old), "{text}");
    fs::write(&record, text.replace(&old, "0123456789abcdef")).expect("damaged");
    article(
        &inputs,
        "a3.txt",
        "Pedro Sánchez à Madrid",
        "Pedro Sánchez a reçu à Madrid le 6 janvier 2025 des représentants.",
    );
    built(&inputs, &out);
    assert_a_clean_build(&inputs, &out, "the damaged record was not used");
    assert!(!index_json(&out).to_string().contains("0123456789abcdef"));
}

/// 17 French articles on the WHO in Geneva and 16 English ones on a council in Leeds: two body
/// files, a French site; then `added` English articles on the WHO in Geneva, all in body file 0.
fn renaming_corpus(dir: &Path, added: &[u32]) {
    fs::create_dir_all(dir).expect("mkdir");
    for i in 1..=17 {
        article(
            dir,
            &format!("fr{i}.txt"),
            &format!("Rapport {i} sur la santé"),
            &format!(
                "L’Organisation mondiale de la santé a publié le {} janvier 2025 un rapport numéro {i} sur la grippe à Genève.",
                i % 9 + 1
            ),
        );
    }
    for i in 1..=16 {
        article(
            dir,
            &format!("en{i}.txt"),
            &format!("Council meeting {i}"),
            &format!(
                "The council of Leeds met on {} March 2025 to discuss budget number {i} and the new library.",
                i % 9 + 1
            ),
        );
    }
    for &k in added {
        assert_eq!(
            kiosque_model::parts::bucket_of(&format!("who-report-{k}"), 2),
            0
        );
        article(
            dir,
            &format!("who{k}.txt"),
            &format!("WHO report {k}"),
            &format!(
                "The World Health Organization published on {k} April 2025 a report on influenza in Geneva."
            ),
        );
    }
}

/// Body file `bucket`'s article ids and entity names.
fn body_file(out: &Path, bucket: &str) -> (Vec<String>, Vec<String>) {
    let file = common::json(&out.join("bodies").join(format!("{bucket}.json")));
    let strings = |list: &str, field: &dyn Fn(&serde_json::Value) -> &serde_json::Value| {
        file[list]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| field(v).as_str().expect("a string").to_owned())
            .collect::<Vec<String>>()
    };
    (
        strings("articles", &|a| &a["summary"]["id"]),
        strings("entities", &|e| &e["name"]),
    )
}

/// Articles added that make the site English rename the entities that the articles already
/// there mention ("Genève" becomes "Geneva"): the body file none of the new articles goes in
/// keeps its articles and names the entities anew (made from the previous tree's file), and the
/// rebuild is a clean build's bytes, also when that file was edited in the meantime.
#[test]
fn a_rebuild_that_renames_the_entities_of_unchanged_articles_equals_a_clean_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    renaming_corpus(&a, &[]);
    renaming_corpus(&b, &[1, 3]);
    for edited in [false, true] {
        let out = dir.path().join(format!("out-{edited}"));
        built(&a, &out);
        let (articles, names) = body_file(&out, "1");
        assert!(names.iter().any(|n| n == "Genève"), "{names:?}");
        if edited {
            // One letter of an article's text changed in place, the size kept.
            let path = out.join("bodies/1.json");
            let text = fs::read_to_string(&path).expect("read");
            fs::write(&path, text.replacen("grippe", "gripPe", 1)).expect("write");
        }
        built(&b, &out);
        let (kept, renamed) = body_file(&out, "1");
        assert_eq!(kept, articles, "edited: {edited}");
        assert!(renamed.iter().any(|n| n == "Geneva"), "{renamed:?}");
        assert!(!renamed.iter().any(|n| n == "Genève"), "{renamed:?}");
        assert_a_clean_build(&b, &out, &format!("renamed, edited: {edited}"));
        no_leftovers(&out);
    }
}
