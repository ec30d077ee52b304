//! What `kiosque build` may replace, and what `kiosque pages` may remove: never the inputs,
//! never a file kiosque did not write; a symlinked output is updated through its link; what an
//! interrupted build left is repaired and removed by the next run.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{build, demo, index_json, kiosque, stderr};

/// Every file under `dir` with its bytes, and every directory, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(dir).expect("inside").to_path_buf();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                stack.push(path);
                out.insert(rel, None);
            } else if meta.is_symlink() {
                let target = fs::read_link(&path).expect("link");
                out.insert(rel, Some(target.display().to_string().into_bytes()));
            } else {
                out.insert(rel, Some(fs::read(&path).expect("read")));
            }
        }
    }
    out
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn article(dir: &Path, name: &str, title: &str) {
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(
        dir.join(name),
        format!("---\ntitle: {title}\ndate: 2025-01-06\n---\nLa Russie et l’Ukraine ont parlé à Genève.\n"),
    )
    .expect("write");
}

fn run(args: &[&Path]) -> std::process::Output {
    let args: Vec<String> = args.iter().map(|p| p.display().to_string()).collect();
    kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn building_into_the_folder_that_holds_the_articles_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let proj = dir.path().join("proj");
    article(&proj.join("articles"), "a.txt", "Un article");
    fs::create_dir_all(proj.join("src")).expect("mkdir");
    fs::write(proj.join("src/main.rs"), "fn main() {}").expect("write");
    fs::write(proj.join("index.json"), "{}").expect("write");
    let before = snapshot(dir.path());
    let articles = proj.join("articles");
    for (out, how) in [
        (proj.clone(), "contains the input"),
        (articles.clone(), "is the input"),
        (articles.join("site"), "is inside the input"),
    ] {
        let result = build(&[&articles], &out);
        let err = stderr(&result);
        assert_eq!(
            result.status.code(),
            Some(2),
            "--out {}: {err}",
            out.display()
        );
        assert!(err.contains(how), "--out {}: {err}", out.display());
        assert!(err.contains("outside the inputs"), "{err}");
        assert_eq!(snapshot(dir.path()), before, "--out {}", out.display());
    }
    // Also through a link to the project.
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&proj, &link).expect("link");
        let before = snapshot(dir.path());
        let result = build(&[&articles], &link);
        assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
        assert_eq!(snapshot(dir.path()), before);
    }
}

#[test]
fn a_directory_holding_anything_kiosque_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    assert!(data.join("kiosque-manifest.txt").is_file());
    // Kiosque's own data is replaced again and again, even with files missing from it.
    assert!(build(&[&demo()], &data).status.success());
    fs::remove_file(data.join("site.json")).expect("remove");
    assert!(build(&[&demo()], &data).status.success());

    for (foreign, named) in [
        ("notes.txt", "\"notes.txt\""),
        ("bodies/draft.json", "\"bodies/draft.json\""),
        ("articles/draft.json", "\"articles\""),
        ("src/main.rs", "\"src\""),
    ] {
        let path = data.join(foreign);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, "precious").expect("write");
        let before = snapshot(&data);
        let result = build(&[&demo()], &data);
        let err = stderr(&result);
        assert_eq!(result.status.code(), Some(2), "{foreign}: {err}");
        assert!(err.contains("is not Kiosque site data"), "{err}");
        assert!(err.contains(named), "{foreign}: {err}");
        assert_eq!(snapshot(&data), before, "{foreign}");
        fs::remove_file(&path).expect("remove");
        // And the directory made for it, unless the site's own.
        let _ = fs::remove_dir(path.parent().expect("parent"));
    }

    // A folder with some index.json is not site data either.
    let other = dir.path().join("other");
    fs::create_dir_all(other.join("articles")).expect("mkdir");
    fs::write(other.join("index.json"), "{\"articles\": []}").expect("write");
    fs::write(other.join("articles/x.json"), "{}").expect("write");
    let before = snapshot(&other);
    let result = build(&[&demo()], &other);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(stderr(&result).contains("no index.json written by kiosque"));
    assert_eq!(snapshot(&other), before);

    // A file is not a directory to replace.
    let file = dir.path().join("file");
    fs::write(&file, "precious").expect("write");
    let result = build(&[&demo()], &file);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert_eq!(fs::read_to_string(&file).expect("kept"), "precious");
}

/// Writes at `data` site data of contract 1 as an older kiosque wrote it: `index.json` and
/// `articles/a.json`, and, `with_manifest`, its manifest.
fn write_v1_tree(data: &Path, with_manifest: bool) {
    fs::create_dir_all(data.join("articles")).expect("mkdir");
    let index = serde_json::json!({
        "schema_version": "1.2",
        "generator": "kiosque 0.1.0",
        "articles": [{"id": "a", "title": "Ancien", "excerpt": "", "words": 1, "entities": []}],
        "entities": []
    });
    fs::write(data.join("index.json"), format!("{index}\n")).expect("write");
    fs::write(
        data.join("articles/a.json"),
        "{\"id\":\"a\",\"blocks\":[]}\n",
    )
    .expect("write");
    if with_manifest {
        fs::write(
            data.join("kiosque-manifest.txt"),
            "kiosque-site-data 1\nindex.json\narticles/a.json\n",
        )
        .expect("write");
    }
}

#[test]
fn data_of_contract_1_written_by_kiosque_is_replaced_by_contract_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    for with_manifest in [true, false] {
        let data = dir.path().join(format!("data-{with_manifest}"));
        write_v1_tree(&data, with_manifest);
        let result = build(&[&demo()], &data);
        assert!(result.status.success(), "{}", stderr(&result));
        let files = snapshot(&data);
        assert!(files.contains_key(Path::new("site.json")), "{files:?}");
        assert!(files.contains_key(Path::new("kiosque-manifest.txt")));
        assert!(
            !files
                .keys()
                .any(|f| f.starts_with("index.json") || f.starts_with("articles")),
            "nothing of contract 1 is left: {files:?}"
        );
    }

    // But an older layout with an article file its index does not name is not kiosque's.
    let data = dir.path().join("stray");
    write_v1_tree(&data, false);
    fs::write(data.join("articles/stray.json"), "{}").expect("write");
    let before = snapshot(&data);
    let result = build(&[&demo()], &data);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("stray.json"),
        "{}",
        stderr(&result)
    );
    assert_eq!(snapshot(&data), before);
}

#[test]
fn an_empty_or_missing_directory_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    assert!(build(&[&demo()], &empty).status.success());
    assert!(empty.join("site.json").is_file());
    let deep = dir.path().join("a/b/data");
    assert!(build(&[&demo()], &deep).status.success());
    assert!(deep.join("site.json").is_file());
    assert_eq!(names(dir.path()), ["a", "empty"], "no leftovers");
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_updated_through_its_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let releases = dir.path().join("releases");
    let target = releases.join("current");
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    article(&first, "a.txt", "Premier");
    article(&second, "a.txt", "Second");
    assert!(build(&[&first], &target).status.success());
    let link = dir.path().join("data");
    std::os::unix::fs::symlink("releases/current", &link).expect("link");

    let result = build(&[&second], &link);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        fs::symlink_metadata(&link)
            .expect("still there")
            .file_type()
            .is_symlink(),
        "the link was replaced by a directory"
    );
    assert_eq!(
        fs::read_link(&link).expect("link"),
        Path::new("releases/current")
    );
    let index = index_json(&link);
    assert_eq!(
        index["articles"][0]["title"], "Second",
        "the target holds the new data"
    );
    assert_eq!(
        names(&releases),
        ["current"],
        "no leftovers beside the target"
    );
    assert_eq!(names(dir.path()), ["data", "first", "releases", "second"]);

    // A link whose target does not exist yet: the target is created.
    let dangling = dir.path().join("next");
    std::os::unix::fs::symlink("releases/next", &dangling).expect("link");
    assert!(build(&[&first], &dangling).status.success());
    assert!(releases.join("next/site.json").is_file());
    assert!(fs::symlink_metadata(&dangling).expect("link").is_symlink());
}

/// A copy of `from` at `to`.
fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in snapshot(from) {
        match bytes {
            None => fs::create_dir_all(to.join(rel)).expect("mkdir"),
            Some(bytes) => {
                fs::create_dir_all(to.join(&rel).parent().expect("parent")).expect("mkdir");
                fs::write(to.join(rel), bytes).expect("write");
            }
        }
    }
}

#[test]
fn what_an_interrupted_build_left_is_repaired_and_removed_by_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let data = site.join("data");
    let old_corpus = dir.path().join("old");
    let new_corpus = dir.path().join("new");
    article(&old_corpus, "a.txt", "Ancien");
    article(&new_corpus, "a.txt", "Nouveau");
    assert!(build(&[&old_corpus], &data).status.success());
    let old = snapshot(&data);
    let reference = dir.path().join("reference");
    assert!(build(&[&new_corpus], &reference).status.success());
    let new = snapshot(&reference);
    let missing = dir.path().join("missing");

    // Killed between the two renames, as kiosque 0.1 could be: no data, its previous tree and
    // its new one beside. Restored from the previous tree: the new one had no manifest.
    fs::rename(&data, site.join(".data.old-4242")).expect("rename");
    fs::create_dir_all(site.join(".data.new-4242/articles")).expect("mkdir");
    fs::write(site.join(".data.new-4242/index.json"), "{}").expect("write");
    let result = run(&[Path::new("build"), &missing, Path::new("--out"), &data]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(err.contains("restored it from"), "{err}");
    assert!(
        err.contains(".data.new-4242, left by an interrupted build"),
        "{err}"
    );
    assert_eq!(snapshot(&data), old);
    assert_eq!(names(&site), ["data"]);

    // Killed between the renames of this version: the new tree is complete, so it is put in.
    fs::rename(&data, site.join(".data.old-77")).expect("rename");
    copy_tree(&reference, &site.join(".data.new-77"));
    let result = run(&[Path::new("build"), &missing, Path::new("--out"), &data]);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert_eq!(snapshot(&data), new);
    assert_eq!(names(&site), ["data"]);

    // Killed while writing: a partial tree beside the data, removed by the next build.
    fs::create_dir_all(site.join(".data.new-99/articles")).expect("mkdir");
    fs::write(
        site.join(".data.new-99/kiosque-manifest.pending"),
        "kiosque-site-data 1\nindex.json\narticles/x.json\n",
    )
    .expect("write");
    fs::write(site.join(".data.new-99/articles/x.json"), "{\"id\":").expect("write");
    // Something named like a leftover that holds a file kiosque did not write is left alone.
    fs::create_dir_all(site.join(".data.new-5")).expect("mkdir");
    fs::write(site.join(".data.new-5/thesis.odt"), "precious").expect("write");
    let result = build(&[&old_corpus], &data);
    let err = stderr(&result);
    assert!(result.status.success(), "{err}");
    assert!(
        err.contains(".data.new-99, left by an interrupted build"),
        "{err}"
    );
    assert!(err.contains("thesis.odt"), "{err}");
    assert_eq!(snapshot(&data), old);
    assert_eq!(names(&site), [".data.new-5", "data"]);
    assert_eq!(
        fs::read_to_string(site.join(".data.new-5/thesis.odt")).expect("kept"),
        "precious"
    );
}

const INDEX: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title><base href=\"/\"></head><body><div id=\"prerender\"></div></body></html>";

fn pages(dist: &Path) -> std::process::Output {
    let result = run(&[Path::new("pages"), Path::new("--dist"), dist]);
    assert!(result.status.success(), "{}", stderr(&result));
    result
}

#[test]
fn pages_of_retracted_articles_and_their_entities_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("in");
    fs::create_dir_all(&corpus).expect("mkdir");
    // Two articles of each story: an entity has a page of its own when two articles mention it.
    for (file, title, date, text) in [
        (
            "kept.txt",
            "Gardé",
            "2025-01-06",
            "La Russie et l’Ukraine ont parlé à Genève.",
        ),
        (
            "kept-2.txt",
            "Gardé encore",
            "2025-01-06",
            "La Russie et l’Ukraine reparlent à Genève.",
        ),
        (
            "retracted.txt",
            "Retiré",
            "2025-01-07",
            "Emmanuel Macron était à Tombouctou.",
        ),
        (
            "retracted-2.txt",
            "Retiré encore",
            "2025-01-07",
            "Emmanuel Macron restait à Tombouctou.",
        ),
    ] {
        fs::write(
            corpus.join(file),
            format!("---\ntitle: {title}\ndate: {date}\n---\n{text}\n"),
        )
        .expect("write");
    }
    let dist = dir.path().join("dist");
    assert!(build(&[&corpus], &dist.join("data")).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    pages(&dist);
    let page = |kind: &str, id: &str| dist.join(kind).join(id).join("index.html");
    assert!(page("article", "retire").is_file());
    // The entities with a page of their own (mentioned by two articles).
    let entities = |dist: &Path| -> Vec<String> {
        index_json(&dist.join("data"))["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .filter(|e| e["articles"].as_u64() >= Some(2))
            .map(|e| e["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let before = entities(&dist);
    // Someone's own pages under article/ and entity/ are not kiosque's to remove.
    fs::create_dir_all(dist.join("article/mine")).expect("mkdir");
    fs::write(page("article", "mine"), "<p>my own page</p>").expect("write");
    fs::create_dir_all(dist.join("entity/notes")).expect("mkdir");
    fs::write(dist.join("entity/notes/todo.txt"), "mine").expect("write");

    assert!(!before.is_empty(), "entities with pages of their own");
    for id in &before {
        assert!(page("entity", id).is_file(), "{id} has no page");
    }
    for file in ["retracted.txt", "retracted-2.txt"] {
        fs::remove_file(corpus.join(file)).expect("retract");
    }
    assert!(build(&[&corpus], &dist.join("data")).status.success());
    let result = pages(&dist);
    let after = entities(&dist);
    assert!(
        !page("article", "retire").exists(),
        "the retracted article is still readable"
    );
    assert!(!dist.join("article/retire").exists());
    assert!(page("article", "garde").is_file());
    let gone: Vec<&String> = before.iter().filter(|e| !after.contains(e)).collect();
    assert!(
        !gone.is_empty(),
        "the retracted article had entities of its own"
    );
    for id in gone {
        assert!(
            !dist.join("entity").join(id).exists(),
            "{id} still has a page"
        );
    }
    for id in &after {
        assert!(page("entity", id).is_file(), "{id} lost its page");
    }
    assert_eq!(
        fs::read_to_string(page("article", "mine")).expect("kept"),
        "<p>my own page</p>"
    );
    assert!(dist.join("entity/notes/todo.txt").is_file());
    let err = stderr(&result);
    assert!(
        err.contains("article/mine") && err.contains("left in place"),
        "{err}"
    );
}
