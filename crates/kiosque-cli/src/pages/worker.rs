//! The Try it page's own files named by their content, as Trunk names the reader app's: Trunk
//! writes the page's app (`data-bin="kiosque-try"`) and its extraction worker
//! (`data-bin="kiosque-worker"`), both `data-type="worker"` in `index.html` so that no page
//! loads them, under fixed names (`kiosque-try.js`, `kiosque-try_bg.wasm`;
//! `kiosque-worker_loader.js`, `kiosque-worker.js`, `kiosque-worker_bg.wasm`), which a host
//! cannot cache for long without serving a stale page after a rebuild. `kiosque pages` renames
//! them `<stem>-<hash>…`, writes the worker a loader that names its new files and checks the
//! wasm's integrity, and writes `try/index.html` from the reader's page with the Try app's
//! files in place of the reader app's ([`try_page_html`]); that page alone names the worker's
//! loader ([`super::html::Template::with_worker`]).

use std::fs;
use std::io;
use std::path::Path;

use super::{content_hash, integrity};

/// The extraction worker's binary, as Trunk names its files.
const WORKER: &str = "kiosque-worker";
/// The Try it page's app binary.
const TRY_APP: &str = "kiosque-try";
/// The reader's app binary (index.html's main `rel="rust"`), whose files Trunk names by content.
pub(super) const READER_APP: &str = "kiosque-app";

/// Whether `name` is one of `stem`'s content-named files (`<stem>-<16 hex>…`).
fn is_content_named(name: &str, stem: &str) -> bool {
    super::content_named(name, stem).is_some()
}

/// A wasm-bindgen build's two files in the site's root: the JS glue and the wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    pub glue: String,
    pub wasm: String,
}

/// What [`name_by_content`] found and named in `dist`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// The worker's content-named loader (the page starts the worker with it).
    pub worker_loader: Option<String>,
    /// The Try it page's app, content-named.
    pub try_app: Option<Build>,
}

/// Names the Try it page's files in `dist` by their content: its app's glue and wasm
/// (`kiosque-try-<hash>.js`, `kiosque-try-<hash>_bg.wasm`), and the worker's
/// (`kiosque-worker-<hash>.js`, `kiosque-worker-<hash>_bg.wasm`) with a loader
/// `kiosque-worker-<hash>_loader.js` that loads them, the wasm fetched with its integrity. The
/// content-named files of an earlier build are removed. Run again on the same `dist` (each
/// `kiosque build`), it finds the files it named and changes nothing. A `dist` without them (an
/// app built without the Try it page) gives `None`s.
pub fn name_by_content(dist: &Path, staging: &crate::atomic::Staging) -> io::Result<Named> {
    let try_app = rename_by_content(dist, TRY_APP)?;
    let Some(worker) = rename_by_content(dist, WORKER)? else {
        return Ok(Named {
            worker_loader: None,
            try_app,
        });
    };
    let wasm = fs::read(dist.join(&worker.wasm))?;
    // The names are hex and the integrity base64: nothing to escape in the script.
    let loader = format!(
        "importScripts(\"./{}\");wasm_bindgen({{module_or_path:new Request(\"./{}\",{{integrity:\"{}\"}})}});",
        worker.glue,
        worker.wasm,
        integrity(&wasm)
    );
    let loader_name = format!("{WORKER}-{}_loader.js", content_hash(loader.as_bytes()));
    staging.put(&dist.join(&loader_name), loader.as_bytes())?;
    match fs::remove_file(dist.join(format!("{WORKER}_loader.js"))) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    Ok(Named {
        worker_loader: Some(loader_name),
        try_app,
    })
}

/// Renames Trunk's `<stem>.js` and `<stem>_bg.wasm` in `dist` after their content, once the
/// content-named files of an earlier build (with `stem`'s loader, if any) are removed; or, when
/// Trunk's names are gone (a second run), the content-named files already there.
fn rename_by_content(dist: &Path, stem: &str) -> io::Result<Option<Build>> {
    let (trunk_glue, trunk_wasm) = (
        dist.join(format!("{stem}.js")),
        dist.join(format!("{stem}_bg.wasm")),
    );
    if !trunk_glue.is_file() || !trunk_wasm.is_file() {
        return named_before(dist, stem);
    }
    let build = Build {
        glue: format!("{stem}-{}.js", content_hash(&fs::read(&trunk_glue)?)),
        wasm: format!("{stem}-{}_bg.wasm", content_hash(&fs::read(&trunk_wasm)?)),
    };
    // The old content-named files go first: the new ones may have the same names.
    for entry in fs::read_dir(dist)? {
        let name = entry?.file_name();
        if name.to_str().is_some_and(|n| is_content_named(n, stem)) {
            fs::remove_file(dist.join(name))?;
        }
    }
    fs::rename(trunk_glue, dist.join(&build.glue))?;
    fs::rename(trunk_wasm, dist.join(&build.wasm))?;
    Ok(Some(build))
}

/// The content-named build of `stem` already in `dist` (named by an earlier run), if any.
fn named_before(dist: &Path, stem: &str) -> io::Result<Option<Build>> {
    let (mut glues, mut wasms) = (Vec::new(), Vec::new());
    for entry in fs::read_dir(dist)? {
        if let Ok(name) = entry?.file_name().into_string()
            && is_content_named(&name, stem)
        {
            if name.ends_with("_bg.wasm") {
                wasms.push(name);
            } else if name.ends_with(".js") && !name.ends_with("_loader.js") {
                glues.push(name);
            }
        }
    }
    match (glues.len(), wasms.len()) {
        (0, 0) => Ok(None),
        (1, 1) => Ok(glues
            .pop()
            .zip(wasms.pop())
            .map(|(glue, wasm)| Build { glue, wasm })),
        _ => Err(io::Error::other(format!(
            "{} has {} builds of {stem} ({}): rebuild the app with `trunk build`",
            dist.display(),
            glues.len().max(wasms.len()),
            glues
                .iter()
                .chain(&wasms)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The reader app's files named in the page `html` (Trunk's `kiosque-app-<hash>.js` and
/// `kiosque-app-<hash>_bg.wasm`, or its names without a hash).
pub(super) fn reader_build(html: &str) -> Option<Build> {
    let named = |suffix: &str| {
        html.match_indices(READER_APP).find_map(|(at, _)| {
            let rest = &html[at + READER_APP.len()..];
            let hash = rest.strip_prefix('-').map_or(0, |r| {
                1 + r.bytes().take_while(u8::is_ascii_hexdigit).count()
            });
            rest[hash..]
                .starts_with(suffix)
                .then(|| html[at..at + READER_APP.len() + hash + suffix.len()].to_owned())
        })
    };
    Some(Build {
        glue: named(".js")?,
        wasm: named("_bg.wasm")?,
    })
}

/// The Try it page's HTML: the reader's built page `html` (Trunk's `index.html`) loading the
/// Try app's files of `dist` instead of the reader app's, their integrity values with them
/// (Trunk's loader script, its preload links). `None` when `html` names no reader app.
pub fn try_page_html(html: &str, dist: &Path, try_app: &Build) -> io::Result<Option<String>> {
    let Some(reader) = reader_build(html) else {
        return Ok(None);
    };
    let mut page = html.to_owned();
    for (from, to) in [(&reader.glue, &try_app.glue), (&reader.wasm, &try_app.wasm)] {
        let from_integrity = integrity(&fs::read(dist.join(from))?);
        let to_integrity = integrity(&fs::read(dist.join(to))?);
        page = page
            .replace(from.as_str(), to)
            .replace(&from_integrity, &to_integrity);
    }
    Ok(Some(page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::file_names as names;

    /// [`name_by_content`] as a run of `kiosque pages` calls it, with its staging directory.
    fn name_in(dist: &Path) -> io::Result<Named> {
        name_by_content(
            dist,
            &crate::atomic::Staging::new(dist, true).expect("staging"),
        )
    }

    /// A `dist` as Trunk leaves it: the reader's app content-named, the Try app and the worker
    /// (whose wasm is `wasm`) under their fixed names.
    fn trunk_dist(wasm: &[u8]) -> tempfile::TempDir {
        let dist = tempfile::tempdir().expect("a temporary directory");
        for (name, content) in [
            (
                "kiosque-worker_loader.js",
                &b"importScripts(\"./kiosque-worker.js\");wasm_bindgen(\"./kiosque-worker_bg.wasm\");"[..],
            ),
            ("kiosque-worker.js", b"let wasm_bindgen;"),
            ("kiosque-worker_bg.wasm", wasm),
            ("kiosque-try.js", b"export default function init() {}"),
            ("kiosque-try_bg.wasm", b"\0asm try"),
            ("kiosque-app-0123456789abcdef.js", b"export default function app() {}"),
            ("kiosque-app-0123456789abcdef_bg.wasm", b"\0asm app"),
        ] {
            fs::write(dist.path().join(name), content).expect("written");
        }
        dist
    }

    /// The reader's page as Trunk writes it, loading `kiosque-app-0123456789abcdef`.
    fn reader_page(dist: &Path) -> String {
        let (glue, wasm) = (
            "kiosque-app-0123456789abcdef.js",
            "kiosque-app-0123456789abcdef_bg.wasm",
        );
        let of = |name: &str| integrity(&fs::read(dist.join(name)).expect("read"));
        format!(
            "<head><script type=\"module\">import init from '/{glue}';await init({{ module_or_path: '/{wasm}' }});</script>\
             <link rel=\"modulepreload\" href=\"/{glue}\" integrity=\"{}\">\
             <link rel=\"preload\" href=\"/{wasm}\" integrity=\"{}\" as=\"fetch\"></head>",
            of(glue),
            of(wasm)
        )
    }

    #[test]
    fn the_worker_s_files_are_renamed_by_content_and_the_loader_names_them_with_the_wasm_s_integrity()
     {
        let dist = trunk_dist(b"\0asm worker");
        let named = name_in(dist.path()).expect("renamed");
        let loader = named.worker_loader.clone().expect("a worker");
        let names = names(dist.path());
        // Only content-named files are left: the reader's two, the Try app's two, the worker's three.
        assert_eq!(names.len(), 7, "{names:?}");
        assert!(names.iter().all(|n| is_content_named(n, READER_APP)
            || is_content_named(n, TRY_APP)
            || is_content_named(n, WORKER)));
        let script = fs::read_to_string(dist.path().join(&loader)).expect("the loader");
        let worker = named_before(dist.path(), WORKER)
            .expect("listed")
            .expect("the worker");
        assert!(
            script.contains(&format!("importScripts(\"./{}\")", worker.glue)),
            "{script}"
        );
        assert!(
            script.contains(&format!("\"./{}\"", worker.wasm)),
            "{script}"
        );
        assert!(script.contains(&integrity(b"\0asm worker")), "{script}");
        // Another run on the same directory (each `kiosque build`) keeps the files.
        assert_eq!(name_in(dist.path()).expect("run again"), named);
        assert_eq!(self::names(dist.path()), names);
    }

    #[test]
    fn a_changed_worker_gets_new_names_and_the_old_files_are_removed() {
        let dist = trunk_dist(b"\0asm first");
        let first = name_in(dist.path()).expect("renamed");
        let first_worker = named_before(dist.path(), WORKER).expect("listed");
        // A new build: Trunk writes its fixed names again; only the worker's wasm changed.
        let rebuilt = trunk_dist(b"\0asm second");
        for name in [
            "kiosque-worker_loader.js",
            "kiosque-worker.js",
            "kiosque-worker_bg.wasm",
            "kiosque-try.js",
            "kiosque-try_bg.wasm",
        ] {
            fs::copy(rebuilt.path().join(name), dist.path().join(name)).expect("copied");
        }
        let second = name_in(dist.path()).expect("renamed");
        let second_worker = named_before(dist.path(), WORKER).expect("listed");
        assert_ne!(first.worker_loader, second.worker_loader);
        let (first_worker, second_worker) = (
            first_worker.expect("a worker"),
            second_worker.expect("a worker"),
        );
        assert_ne!(first_worker.wasm, second_worker.wasm);
        // The glue and the Try app did not change: same names.
        assert_eq!(first_worker.glue, second_worker.glue);
        assert_eq!(first.try_app, second.try_app);
        assert_eq!(names(dist.path()).len(), 7, "{:?}", names(dist.path()));
    }

    #[test]
    fn the_try_page_loads_the_try_app_with_its_integrity_instead_of_the_reader_s() {
        let dist = trunk_dist(b"\0asm worker");
        let page = reader_page(dist.path());
        let named = name_in(dist.path()).expect("renamed");
        let try_app = named.try_app.expect("the Try app");
        assert!(is_content_named(&try_app.glue, TRY_APP), "{try_app:?}");
        assert!(try_app.wasm.ends_with("_bg.wasm"), "{try_app:?}");
        let try_page = try_page_html(&page, dist.path(), &try_app)
            .expect("read")
            .expect("a reader app to replace");
        assert!(!try_page.contains(READER_APP), "{try_page}");
        assert!(
            try_page.contains(&format!("import init from '/{}'", try_app.glue)),
            "{try_page}"
        );
        for name in [&try_app.glue, &try_app.wasm] {
            let bytes = fs::read(dist.path().join(name)).expect("the Try app's file");
            assert!(
                try_page.contains(&format!(
                    "href=\"/{name}\" integrity=\"{}\"",
                    integrity(&bytes)
                )),
                "{try_page}"
            );
        }
        // A page that loads no reader app is left to the caller.
        assert_eq!(
            try_page_html("<head></head>", dist.path(), &try_app).expect("read"),
            None
        );
    }

    #[test]
    fn two_builds_of_one_file_are_refused_with_their_names() {
        let dist = trunk_dist(b"\0asm worker");
        name_in(dist.path()).expect("renamed");
        fs::write(
            dist.path().join("kiosque-try-fedcba9876543210_bg.wasm"),
            "\0asm older",
        )
        .expect("written");
        let error = name_in(dist.path()).expect_err("two Try apps");
        assert!(
            error
                .to_string()
                .contains("kiosque-try-fedcba9876543210_bg.wasm"),
            "{error}"
        );
    }

    #[test]
    fn a_site_without_the_try_page_s_files_has_none() {
        let dist = tempfile::tempdir().expect("a temporary directory");
        fs::write(dist.path().join("index.html"), "<html></html>").expect("written");
        assert_eq!(name_in(dist.path()).expect("read"), Named::default());
    }
}
