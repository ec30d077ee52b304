//! Helpers shared by the CLI's integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The demo input (the seed article).
pub fn demo() -> PathBuf {
    repo().join("demo")
}

/// `../shared` beside the repository, when it is there.
pub fn shared() -> Option<PathBuf> {
    let path = repo().join("../shared");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: ../shared (the shared corpus) is not beside the repository");
        None
    }
}

/// Runs `kiosque` with `args`.
pub fn kiosque(args: &[&str]) -> Output {
    command().args(args).output().expect("kiosque runs")
}

/// The `kiosque` command, its analyses cache kept under the build directory rather than in the
/// user's cache directory.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kiosque"));
    command.env("KIOSQUE_CACHE_DIR", cache_dir());
    command
}

/// Where the tests' `kiosque` keeps its analyses cache.
pub fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("kiosque-cache")
}

/// Runs `kiosque build INPUT... --out OUT` quietly and checks it succeeded.
pub fn build(inputs: &[&Path], out: &Path) -> Output {
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kiosque(&args)
}

/// "(N input file(s) unchanged since the last build, not read)": N, or 0 when the summary does
/// not say.
pub fn unread_files(output: &Output) -> usize {
    stderr(output)
        .lines()
        .find_map(|l| l.split_once(" input file(s) unchanged since the last build"))
        .and_then(|(before, _)| before.rsplit('(').next()?.trim().parse().ok())
        .unwrap_or(0)
}

/// The standard error of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Reads a JSON file.
pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The kinds of the seed's blocks, in order, as a careful editor types them
/// (`../shared/gold/seed.structure.json`): body, tweet, body, two related links, body, six teasers.
pub const SEED_KINDS: [&str; 14] = [
    "paragraph",
    "paragraph",
    "paragraph",
    "embed",
    "paragraph",
    "related",
    "related",
    "paragraph",
    "boilerplate",
    "boilerplate",
    "boilerplate",
    "boilerplate",
    "boilerplate",
    "boilerplate",
];

/// Every file under `dir` by relative path, with its bytes. Links are not followed, and there
/// must be none: a site kiosque writes holds plain files.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            assert!(!meta.is_symlink(), "{} is a link", path.display());
            if meta.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// Asserts two site data directories hold the same files with the same bytes (and some
/// articles).
pub fn assert_same_site(a: &Path, b: &Path) {
    let (a_files, b_files) = (tree(a), tree(b));
    assert_eq!(
        a_files.keys().collect::<Vec<_>>(),
        b_files.keys().collect::<Vec<_>>(),
        "{} and {} hold different files",
        a.display(),
        b.display()
    );
    assert!(a_files.len() > 2, "the sites hold articles");
    for (path, bytes) in &a_files {
        assert!(
            bytes == &b_files[path],
            "{} differs between {} and {}",
            path.display(),
            a.display(),
            b.display()
        );
    }
}

/// The site data at `dir` read whole through `kiosque_model::parts::read_all` (what the app
/// fetches in parts): its index and every body file's articles. Panics, naming the file, if
/// any part is missing or unreadable.
pub fn read_site(
    dir: &Path,
) -> (
    kiosque_model::index::UncheckedIndex,
    Vec<kiosque_model::parts::BucketArticle<String>>,
) {
    kiosque_model::parts::read_all(|file: &str| std::fs::read_to_string(dir.join(file)))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// The site's index as JSON in the shape of data contract 1's `index.json` (`articles` with
/// entity ids, `entities`, `schema_version`, `generator`, `search`), assembled from its parts.
pub fn index_json(dir: &Path) -> serde_json::Value {
    serde_json::to_value(read_site(dir).0).expect("an index is JSON")
}

/// The body of article `id` as JSON (`{"id", "blocks"}`, as data contract 1's
/// `articles/<id>.json`), from its body file; panics if the site has no such article.
pub fn body_json(dir: &Path, id: &str) -> serde_json::Value {
    let (_, bodies) = read_site(dir);
    let article = bodies
        .into_iter()
        .find(|a| a.body.id == id)
        .unwrap_or_else(|| panic!("{}: no body for {id}", dir.display()));
    serde_json::to_value(article.body).expect("a body is JSON")
}

/// The ids of the site's articles, in index order.
pub fn article_ids(dir: &Path) -> Vec<String> {
    read_site(dir)
        .0
        .articles
        .into_iter()
        .map(|a| a.id)
        .collect()
}

/// A project in a temporary directory, with a cache directory of its own (`cache`): for the
/// tests of what a build reuses from the last one.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// The project's directory.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `name` inside the project.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// Writes `text` at `name` (creating its directory).
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(&path, text).expect("write");
        path
    }

    /// `command` run in `cwd` with the project's cache directory and no input.
    pub fn run(&self, mut command: Command, cwd: &Path, args: &[&str]) -> Output {
        command
            .current_dir(cwd)
            .env("KIOSQUE_CACHE_DIR", self.path("cache"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("kiosque runs")
    }
}

/// Waits until the files written so far have been left alone long enough for a build to record
/// them ([`kiosque_cli::unread::SETTLE`]): a file changed just before a build is read again by the
/// next one, whatever its times say.
pub fn settle() {
    std::thread::sleep(kiosque_cli::unread::SETTLE + Duration::from_millis(200));
}

/// What a run said about the inputs: its errors and warnings, less the summary (time, rate and
/// cache hits differ between builds by design).
pub fn messages(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .map(str::to_owned)
        .collect()
}
