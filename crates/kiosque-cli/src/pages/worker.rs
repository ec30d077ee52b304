//! The Try it page's worker files named by their content, as Trunk names the app's own: Trunk
//! writes the worker (`index.html`: `data-type="worker"`) under fixed names
//! (`kiosque-worker_loader.js`, `kiosque-worker.js`, `kiosque-worker_bg.wasm`), which a host
//! cannot cache for long without serving a stale worker after a rebuild. `kiosque pages`
//! renames them `kiosque-worker-<hash>…`, writes a loader that names the new files and checks
//! the wasm's integrity, and the pages tell the app the loader's name
//! ([`super::html::Template::with_worker`]).

use std::fs;
use std::io;
use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// What the worker's files are named after (its binary, as Trunk names them).
const STEM: &str = "kiosque-worker";

/// The fixed names Trunk writes: loader, wasm-bindgen's glue, the wasm.
const TRUNK_LOADER: &str = "kiosque-worker_loader.js";
const TRUNK_GLUE: &str = "kiosque-worker.js";
const TRUNK_WASM: &str = "kiosque-worker_bg.wasm";

/// The first 16 hex digits of the SHA-256 of `bytes`: a file's name part.
fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The Subresource Integrity value of `bytes` (`sha384-…`).
fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Whether `name` is one of the worker's content-named files (`kiosque-worker-<16 hex>…`).
fn is_content_named(name: &str) -> bool {
    name.strip_prefix(STEM)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.get(..16))
        .is_some_and(|hash| hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Names the worker's files in `dist` by their content and returns the loader's name (relative
/// to `dist`), or `None` when `dist` has no worker (an app built without the Try it page).
///
/// After `trunk build` (the fixed names are there): the glue and the wasm are renamed
/// `kiosque-worker-<hash>.js` and `kiosque-worker-<hash>_bg.wasm`, and the loader
/// `kiosque-worker-<hash>_loader.js` loads them, the wasm fetched with its integrity; the
/// content-named files of an earlier build are removed. Run again on the same `dist` (each
/// `kiosque build`), it finds the loader it wrote and changes nothing.
pub fn name_by_content(dist: &Path) -> io::Result<Option<String>> {
    let in_dist = |name: &str| dist.join(name);
    if !in_dist(TRUNK_GLUE).is_file() || !in_dist(TRUNK_WASM).is_file() {
        return existing_loader(dist);
    }
    let glue = fs::read(in_dist(TRUNK_GLUE))?;
    let wasm = fs::read(in_dist(TRUNK_WASM))?;
    let glue_name = format!("{STEM}-{}.js", content_hash(&glue));
    let wasm_name = format!("{STEM}-{}_bg.wasm", content_hash(&wasm));
    // The names are hex and the integrity base64: nothing to escape in the script.
    let loader = format!(
        "importScripts(\"./{glue_name}\");wasm_bindgen({{module_or_path:new Request(\"./{wasm_name}\",{{integrity:\"{}\"}})}});",
        integrity(&wasm)
    );
    let loader_name = format!("{STEM}-{}_loader.js", content_hash(loader.as_bytes()));
    // The old content-named files go first: the new ones may have the same names.
    for entry in fs::read_dir(dist)? {
        let name = entry?.file_name();
        if name.to_str().is_some_and(is_content_named) {
            fs::remove_file(dist.join(name))?;
        }
    }
    fs::rename(in_dist(TRUNK_GLUE), in_dist(&glue_name))?;
    fs::rename(in_dist(TRUNK_WASM), in_dist(&wasm_name))?;
    fs::write(in_dist(&loader_name), loader)?;
    match fs::remove_file(in_dist(TRUNK_LOADER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    Ok(Some(loader_name))
}

/// The content-named loader already in `dist` (written by an earlier run), if any.
fn existing_loader(dist: &Path) -> io::Result<Option<String>> {
    let mut loaders: Vec<String> = Vec::new();
    for entry in fs::read_dir(dist)? {
        if let Ok(name) = entry?.file_name().into_string()
            && is_content_named(&name)
            && name.ends_with("_loader.js")
        {
            loaders.push(name);
        }
    }
    match loaders.len() {
        0 | 1 => Ok(loaders.pop()),
        _ => Err(io::Error::other(format!(
            "{} has several worker loaders ({}): rebuild the app with `trunk build`",
            dist.display(),
            loaders.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `dist` as Trunk leaves it, with a worker whose wasm is `wasm`.
    fn trunk_dist(wasm: &[u8]) -> tempfile::TempDir {
        let dist = tempfile::tempdir().expect("a temporary directory");
        fs::write(
            dist.path().join(TRUNK_LOADER),
            "importScripts(\"./kiosque-worker.js\");wasm_bindgen(\"./kiosque-worker_bg.wasm\");",
        )
        .expect("written");
        fs::write(dist.path().join(TRUNK_GLUE), "let wasm_bindgen;").expect("written");
        fs::write(dist.path().join(TRUNK_WASM), wasm).expect("written");
        fs::write(dist.path().join("kiosque-app-0123abcd_bg.wasm"), "app").expect("written");
        dist
    }

    fn names(dist: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dist)
            .expect("listed")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .into_string()
                    .expect("UTF-8")
            })
            .collect();
        names.sort();
        names
    }

    /// The content-named wasm-bindgen glue among `names`.
    fn glue_of(names: &[String]) -> Option<String> {
        names
            .iter()
            .find(|n| is_content_named(n) && n.ends_with(".js") && !n.ends_with("_loader.js"))
            .cloned()
    }

    /// The content-named wasm among `names`.
    fn wasm_of(names: &[String]) -> Option<String> {
        names
            .iter()
            .find(|n| is_content_named(n) && n.ends_with("_bg.wasm"))
            .cloned()
    }

    #[test]
    fn the_worker_s_files_are_renamed_by_content_and_the_loader_names_them_with_the_wasm_s_integrity()
     {
        let dist = trunk_dist(b"\0asm worker");
        let loader = name_by_content(dist.path())
            .expect("renamed")
            .expect("a worker");
        let names = names(dist.path());
        // Only the content-named files and the app's own are left.
        assert_eq!(names.len(), 4, "{names:?}");
        assert!(names.contains(&"kiosque-app-0123abcd_bg.wasm".to_owned()));
        assert!(names.contains(&loader), "{names:?}");
        assert!(
            names
                .iter()
                .all(|n| !n.starts_with(STEM) || is_content_named(n))
        );
        let script = fs::read_to_string(dist.path().join(&loader)).expect("the loader");
        let (glue, wasm) = (
            glue_of(&names).expect("the glue"),
            wasm_of(&names).expect("the wasm"),
        );
        assert!(
            script.contains(&format!("importScripts(\"./{glue}\")")),
            "{script}"
        );
        assert!(script.contains(&format!("\"./{wasm}\"")), "{script}");
        assert!(script.contains(&integrity(b"\0asm worker")), "{script}");
        // Another run on the same directory (each `kiosque build`) keeps the files.
        assert_eq!(
            name_by_content(dist.path()).expect("run again"),
            Some(loader)
        );
        assert_eq!(self::names(dist.path()), names);
    }

    #[test]
    fn a_changed_worker_gets_new_names_and_the_old_files_are_removed() {
        let dist = trunk_dist(b"\0asm first");
        let first = name_by_content(dist.path())
            .expect("renamed")
            .expect("a worker");
        let first_names = names(dist.path());
        // A new build of the worker: Trunk writes its fixed names again.
        let rebuilt = trunk_dist(b"\0asm second");
        for name in [TRUNK_LOADER, TRUNK_GLUE, TRUNK_WASM] {
            fs::copy(rebuilt.path().join(name), dist.path().join(name)).expect("copied");
        }
        let second = name_by_content(dist.path())
            .expect("renamed")
            .expect("a worker");
        assert_ne!(first, second);
        let second_names = names(dist.path());
        assert_ne!(wasm_of(&first_names), wasm_of(&second_names));
        // The glue did not change: same name.
        assert_eq!(glue_of(&first_names), glue_of(&second_names));
        assert_eq!(second_names.len(), 4, "{second_names:?}");
        assert!(!second_names.contains(&first));
    }

    #[test]
    fn a_site_without_the_worker_has_no_loader() {
        let dist = tempfile::tempdir().expect("a temporary directory");
        fs::write(dist.path().join("index.html"), "<html></html>").expect("written");
        assert_eq!(name_by_content(dist.path()).expect("read"), None);
    }
}
