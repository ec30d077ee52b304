//! A rebuild into the same `--out` reuses the article files it would write again unchanged
//! (hard links to the previous tree's), and its output is byte for byte a clean build's: same
//! files, same bytes, whatever state the previous tree was left in.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{build, stderr, tree};

/// The device and inode of every article file, by file name.
#[cfg(unix)]
fn inodes(site: &Path) -> BTreeMap<String, (u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::read_dir(site.join("articles"))
        .expect("articles")
        .map(|e| {
            let e = e.expect("entry");
            let meta = fs::symlink_metadata(e.path()).expect("metadata");
            (
                e.file_name().to_string_lossy().into_owned(),
                (meta.dev(), meta.ino()),
            )
        })
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
fn a_rebuild_equals_a_clean_build_and_reuses_the_unchanged_article_files() {
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

    let changed = PathBuf::from("articles/olaf-scholz-a-berlin.json");
    let new_text = String::from_utf8_lossy(&second[&changed]).into_owned();
    assert!(new_text.contains("OTAN"), "{new_text}");
    assert_ne!(first.get(&changed), second.get(&changed));
    assert!(second.contains_key(Path::new("articles/karl-nehammer-a-vienne.json")));

    // Every article file with the same bytes as before is the previous file itself, linked;
    // the others were written anew.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let after = inodes(&out);
        let mut reused = 0;
        for (name, inode) in &after {
            let rel = Path::new("articles").join(name);
            let same_bytes = first.get(&rel) == second.get(&rel);
            assert_eq!(
                before.get(name) == Some(inode),
                same_bytes,
                "{name}: reused if and only if unchanged"
            );
            reused += usize::from(same_bytes);
            // The previous tree is gone: its name for the file with it.
            assert_eq!(
                fs::metadata(out.join(&rel)).expect("metadata").nlink(),
                1,
                "{name}"
            );
        }
        assert!(reused >= 3, "only {reused} files reused: {after:?}");
    }

    // Built again from the same inputs: nothing changes, every article file is kept.
    #[cfg(unix)]
    let kept = inodes(&out);
    built(&b, &out);
    assert!(tree(&out) == second);
    #[cfg(unix)]
    assert_eq!(inodes(&out), kept);
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

    type Damage = fn(&Path);
    let damages: [(&str, Damage); 4] = [
        ("index.json is not JSON", |out| {
            fs::write(out.join("index.json"), "{\"articles\": [").expect("write");
        }),
        ("index.json has no articles", |out| {
            fs::write(out.join("index.json"), "{}\n").expect("write");
        }),
        ("index.json is missing", |out| {
            fs::remove_file(out.join("index.json")).expect("remove");
        }),
        ("an article file was deleted", |out| {
            fs::remove_file(out.join("articles/giorgia-meloni-a-rome.json")).expect("remove");
        }),
    ];
    for (what, damage) in damages {
        let out = dir.path().join(what.replace(' ', "-"));
        built(&a, &out);
        damage(&out);
        built(&b, &out);
        assert!(tree(&out) == expected, "{what}: not a clean build");
        no_leftovers(&out);
    }
}

/// A file of the output that also has a name elsewhere (a backup made with `cp -al`) is not
/// shared with the new output: editing the backup in place later cannot change the site.
#[cfg(unix)]
#[test]
fn an_article_file_also_named_outside_the_output_is_written_anew() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a");
    corpus_a(&a);
    let out = dir.path().join("out");
    built(&a, &out);
    let expected = tree(&out);
    let before = inodes(&out);
    let shared = "olaf-scholz-a-berlin.json";
    let backup = dir.path().join(shared);
    fs::hard_link(out.join("articles").join(shared), &backup).expect("link");

    built(&a, &out);
    assert!(tree(&out) == expected, "not a clean build");
    let after = inodes(&out);
    for (name, inode) in &after {
        assert_eq!(before.get(name) == Some(inode), name != shared, "{name}");
    }
    fs::write(&backup, "edited").expect("write");
    assert!(tree(&out) == expected, "the backup's edit reached the site");
    let meta = fs::metadata(out.join("articles").join(shared)).expect("metadata");
    assert_eq!(meta.nlink(), 1);
}

/// An index whose fingerprints were tampered with: an article listed twice with two
/// fingerprints is not trusted, and one whose fingerprint differs is written anew.
#[test]
fn an_article_listed_twice_in_the_previous_index_is_written_anew() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a");
    corpus_a(&a);
    let out = dir.path().join("out");
    built(&a, &out);
    let expected = tree(&out);

    // The previous file of one article now holds other bytes; its index lists it twice, once
    // with the fingerprint the new build gives it.
    let name = "emmanuel-macron-a-paris";
    let index_path = out.join("index.json");
    let mut index: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&index_path).expect("read")).expect("json");
    let articles = index["articles"].as_array_mut().expect("articles");
    let mut twice = articles
        .iter()
        .find(|a| a["id"] == name)
        .expect("listed")
        .clone();
    twice["body_hash"] = serde_json::json!("0000000000000000");
    // Listed first, so that a reader keeping the last listing would trust the file.
    articles.insert(0, twice);
    fs::write(&index_path, serde_json::to_string(&index).expect("json")).expect("write");
    let body = out.join(format!("articles/{name}.json"));
    fs::write(
        &body,
        "{\"id\":\"emmanuel-macron-a-paris\",\"blocks\":[]}\n",
    )
    .expect("write");

    built(&a, &out);
    assert!(tree(&out) == expected, "not a clean build");
}

#[test]
fn an_article_file_edited_in_place_is_written_anew_not_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    corpus_a(&a);
    corpus_b(&b);
    let out = dir.path().join("out");
    built(&a, &out);
    // Every article file edited by hand, its length kept: `index.json` still names the same
    // fingerprints.
    for entry in fs::read_dir(out.join("articles")).expect("articles") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        let edited = text
            .replacen("\"text\":\"", "\"text\":\"#", 1)
            .replacen("\"}", "}", 1);
        assert_eq!(edited.len(), text.len());
        fs::write(&path, edited).expect("write");
    }
    built(&b, &out);
    let clean = dir.path().join("clean");
    built(&b, &clean);
    assert!(
        tree(&out) == tree(&clean),
        "the rebuild has the bytes of a clean build"
    );
}
