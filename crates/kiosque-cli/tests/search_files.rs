//! `kiosque build` writes the search index into the site data: a meta file that `site.json`
//! names, shards the meta file lists, all in the manifest, the same bytes on every build, and
//! what a reader searches for is found in them (never the boilerplate).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{build, command, demo, index_json, stderr, tree};
use kiosque_model::search::{Meta, Query, Shard};

/// The site's search index, read as the app reads it.
struct Index {
    meta_path: String,
    meta: Meta,
    dir: PathBuf,
}

impl Index {
    fn read(dir: &Path) -> Index {
        let meta_path = index_json(dir)["search"]
            .as_str()
            .expect("site.json names the search index")
            .to_owned();
        let text = fs::read_to_string(dir.join(&meta_path)).expect("the meta file is there");
        Index {
            meta: Meta::parse(&text).expect("a valid meta file"),
            meta_path,
            dir: dir.to_path_buf(),
        }
    }

    /// The articles `input` finds, best first, reading only the shards it needs.
    fn hits(&self, input: &str) -> Vec<u32> {
        let query = Query::parse(input);
        let shards: Vec<Shard> = query
            .shard_files(&self.meta)
            .iter()
            .map(|f| {
                Shard::parse(&fs::read_to_string(self.dir.join(f)).expect("shard")).expect("valid")
            })
            .collect();
        let shards: Vec<&Shard> = shards.iter().collect();
        query
            .run(self.meta.articles(), &shards, None)
            .hits
            .iter()
            .map(|h| h.article)
            .collect()
    }

    /// Every file of the index, meta first.
    fn files(&self) -> Vec<String> {
        std::iter::once(self.meta_path.clone())
            .chain(self.meta.shard_files())
            .collect()
    }
}

fn manifest(dir: &Path) -> BTreeSet<String> {
    fs::read_to_string(dir.join("kiosque-manifest.txt"))
        .expect("manifest")
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The search files of a site: relative path and bytes.
fn search_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search"))
        .collect()
}

#[test]
fn the_demo_site_has_its_search_index_listed_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("data");
    let run = build(&[&demo()], &out);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = Index::read(&out);
    assert!(index.meta_path.starts_with("search/meta-"));
    assert_eq!(index.meta.articles(), 1);
    // The meta file and every shard it lists are there and in the manifest; nothing else is
    // in search/.
    let listed = manifest(&out);
    let files = index.files();
    for file in &files {
        assert!(out.join(file).is_file(), "{file}");
        assert!(listed.contains(file), "{file} is in the manifest");
    }
    let on_disk: BTreeSet<String> = search_files(&out)
        .into_iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(on_disk, files.iter().cloned().collect::<BTreeSet<_>>());
    // What a reader types finds the article: accents, case, prefix, typo.
    for found in [
        "Koursk",
        "defense",
        "DÉFENSE",
        "kourak",
        "Kourakove ",
        "pokrovsk donbass ",
    ] {
        assert_eq!(index.hits(found), [0], "{found}");
    }
    // Boilerplate (teasers of other articles) is never searched.
    for not_found in ["xiaomi ", "pokemon ", "robbie "] {
        assert!(index.hits(not_found).is_empty(), "{not_found}");
    }
}

/// Three articles, dated so that their order in the index is known: newest first.
fn three_articles(dir: &Path) -> PathBuf {
    let input = dir.join("input");
    fs::create_dir_all(&input).expect("mkdir");
    let articles = [
        (
            "a.txt",
            "2025-01-03",
            "Kourakhove tombe",
            "La ville de Kourakhove est prise.",
        ),
        (
            "b.txt",
            "2025-01-02",
            "Front de l’Est",
            "Les forces russes avancent vers Kourakhove.",
        ),
        (
            "c.txt",
            "2025-01-01",
            "Koursk",
            "L’armée ukrainienne tient Koursk.",
        ),
    ];
    for (name, date, title, body) in articles {
        let text = format!("---\ntitle: {title}\ndate: {date}\nlang: fr\n---\n{body}\n");
        fs::write(input.join(name), text).expect("write");
    }
    input
}

#[test]
fn tiny_shards_split_the_index_and_are_found_all_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = three_articles(dir.path());
    let built = |name: &str, shard_bytes: Option<&str>| {
        let out = dir.path().join(name);
        let mut command = command();
        command
            .args(["build", "--no-cache", "--out"])
            .arg(&out)
            .arg(&input);
        if let Some(bytes) = shard_bytes {
            command.env("KIOSQUE_SEARCH_SHARD_BYTES", bytes);
        }
        let run = command.output().expect("kiosque runs");
        assert!(run.status.success(), "{}", stderr(&run));
        out
    };
    let default = built("default", None);
    let tiny = built("tiny", Some("40"));
    let again = built("again", Some("40"));
    let (default_index, tiny_index) = (Index::read(&default), Index::read(&tiny));
    assert_eq!(default_index.files().len(), 2, "one shard by default");
    assert!(tiny_index.files().len() > 6, "{:?}", tiny_index.files());
    // The same site, whatever the shards.
    for input in [
        "kourakhove ",
        "kour",
        "koursk ",
        "kourakove ",
        "forces russes ",
    ] {
        assert_eq!(default_index.hits(input), tiny_index.hits(input), "{input}");
    }
    // Articles are numbered newest first; the title match ranks first.
    assert_eq!(tiny_index.hits("kourakhove "), [0, 1]);
    let kour = tiny_index.hits("kour");
    assert_eq!(kour.len(), 3);
    assert_eq!(
        kour[2], 1,
        "the one without a match in its title is last: {kour:?}"
    );
    // The same bytes on every build; another layout is another meta file name.
    assert_eq!(search_files(&tiny), search_files(&again));
    assert_ne!(default_index.meta_path, tiny_index.meta_path);
    let index = index_json(&tiny);
    assert_eq!(
        index["search"].as_str(),
        Some(tiny_index.meta_path.as_str())
    );
}

#[test]
fn a_rebuild_from_the_cache_writes_the_same_search_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = three_articles(dir.path());
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    for out in [&first, &second] {
        let run = build(&[&input], out);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    // The second build over the first's output reuses its cache.
    let run = build(&[&input], &first);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(search_files(&first), search_files(&second));
    assert!(!search_files(&first).is_empty());
}

/// Writes articles `range` into `input`, one a day from 1 January 2024, each with a word of its
/// own (`villageN`) and `Koursk` in every third.
fn daily_articles(input: &Path, range: std::ops::Range<usize>) {
    fs::create_dir_all(input).expect("mkdir");
    for i in range {
        let date = format!("2024-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
        let koursk = if i % 3 == 0 { " Koursk tient." } else { "" };
        let text = format!(
            "---\ntitle: Dépêche {i}\ndate: {date}\nlang: fr\n---\nLe village{i} est calme ce jour.{koursk}\n"
        );
        fs::write(input.join(format!("a{i:03}.txt")), text).expect("write");
    }
}

#[test]
fn newer_articles_keep_the_older_articles_search_index_and_write_what_a_clean_build_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input");
    let site = dir.path().join("site");
    let kept = "search index of the 32 oldest article(s) kept from the last build";
    // 33 articles: the base holds the 32 oldest.
    daily_articles(&input, 0..33);
    let run = build(&[&input], &site);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains(kept), "{}", stderr(&run));
    let record = kiosque_cli::cache::search_base_for(&common::cache_dir(), &site);
    assert!(record.is_file(), "{}", record.display());
    // Two newer articles: the base is the same 32 articles, taken from the record.
    daily_articles(&input, 33..35);
    let run = build(&[&input], &site);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains(kept), "{}", stderr(&run));
    let clean = |label: &str| {
        let out = dir.path().join(label);
        let run = command()
            .args(["build", "--no-cache", "--out"])
            .arg(&out)
            .arg(&input)
            .output()
            .expect("kiosque runs");
        assert!(run.status.success(), "{}", stderr(&run));
        out
    };
    assert_eq!(search_files(&site), search_files(&clean("clean")));
    let index = Index::read(&site);
    assert_eq!(index.meta.articles(), 35);
    // Numbered from the newest: article 34 is 0, the oldest (0) is 34.
    assert_eq!(index.hits("village34 "), [0]);
    assert_eq!(index.hits("village0 "), [34]);
    assert_eq!(index.hits("koursk ").len(), 12);
    // A record damaged since (a byte of a shard changed): not trusted, the base made again, the
    // same files all the same. The newest article edited, so that the build runs.
    let mut bytes = fs::read(&record).expect("the record");
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    fs::write(&record, bytes).expect("damaged");
    let newest = input.join("a034.txt");
    let text = fs::read_to_string(&newest).expect("newest");
    fs::write(&newest, text.replace("calme", "calme et ensoleillé")).expect("edited");
    let run = build(&[&input], &site);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains(kept), "{}", stderr(&run));
    assert_eq!(search_files(&site), search_files(&clean("clean-again")));
    assert_eq!(Index::read(&site).hits("ensoleille "), [0]);
    // And written again: the next build takes it.
    let text = fs::read_to_string(&newest).expect("newest");
    fs::write(&newest, text.replace("ensoleillé", "pluvieux")).expect("edited");
    let run = build(&[&input], &site);
    assert!(stderr(&run).contains(kept), "{}", stderr(&run));
    assert_eq!(search_files(&site), search_files(&clean("clean-third")));
}
