//! The reader app's wasm pieces (docs/wasm-split.md) named by their content.
//!
//! Trunk's post-build hook `scripts/split-hook` stages the pieces under the splitter's fixed
//! names (`split_article_page.wasm`, `chunk_3.wasm`, …) with their loader `__wasm_split.js`,
//! which Trunk's content-named glue (`kiosque-app-<hash>.js`) imports and which imports the glue
//! back. A fixed name cannot be cached for long: after a deploy, a browser could pair a cached
//! piece with a new main module. `kiosque pages` names each piece by its content
//! (`split_article_page-<hash>.wasm`) and makes the loader fetch it by that name with its
//! integrity; names the loader by what it holds (`__wasm_split-<hash>.js`); renames the glue,
//! which now imports that name, by its new content, and the main wasm by its bytes; and writes
//! the site's page (`index.html`, the pages' template) loading the new glue and wasm with their
//! integrity. Run again on the same `dist` (each `kiosque build`), it checks what it named and
//! changes nothing.
//!
//! The pages do not preload the pieces: a `<link rel="preload">` per piece on each article and
//! entity page made the 10,000-article site 6.5 MB larger (255.3 MB, over issue 9's 250 MB),
//! and a page opened directly shows its pre-rendered content until its piece is there. The app
//! loads a page's piece as soon as a reader points at a link to such a page (src/pieces.rs).

use std::fs;
use std::io;
use std::path::Path;

use super::worker::{READER_APP, reader_build};
use super::{content_hash, integrity};
use crate::atomic::Staging;

/// The loader as the splitter writes it and `scripts/split-hook` stages it.
const LOADER: &str = "__wasm_split.js";
/// The content-named loader's stem: `__wasm_split-<hash>.js`.
const LOADER_STEM: &str = "__wasm_split";
/// How the staged loader imports the glue.
const GLUE_IMPORT: &str = "from \"./kiosque-app.js\"";
/// How the glue imports the staged loader (the wasm's imports keep the name `./__wasm_split.js`:
/// it is the module name the wasm asks for, not an address).
const LOADER_IMPORT: &str = "from \"./__wasm_split.js\"";
/// How the loader fetches a piece: `fetch(new URL("./<file>", import.meta.url)…`.
const FETCH: &str = "fetch(new URL(\"./";
const URL_END: &str = "\", import.meta.url)";
/// The splitter the loader's format is that of (scripts/setup installs it).
const SPLITTER: &str = "wasm-split-cli 0.2.4";

/// What [`name_by_content`] found in `dist`, and the site's page loading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The pieces' content-named loader, `None` for an app built without pieces.
    pub loader: Option<Loader>,
    /// The template (`index.html`) as written: loading the renamed glue, if it was renamed.
    pub template: String,
}

/// The pieces' loader, which the glue imports: the page's start script preloads it beside the
/// glue (`pages::start`), so that its round trip is not one more after the glue's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loader {
    /// Its file name in `dist` (`__wasm_split-<hash>.js`).
    pub name: String,
    /// Its integrity (`sha384-…`).
    pub integrity: String,
}

/// Names the reader app's pieces, their loader, the glue and the main wasm in `dist` by their
/// content, and writes the template `template` (`index.html`'s text, at `template_path`) loading
/// the renamed files; or, when an earlier run named them, reads the loader it wrote. A `dist`
/// without a loader (an app without split points) gives no pieces and the template unchanged.
///
/// The new files are written beside the staged ones, then the page, then the staged loader is
/// removed (what a run that stops before leaves can be named again by the next run; what it
/// leaves after, the next run removes), then the other files it replaced.
pub fn name_by_content(
    dist: &Path,
    template_path: &Path,
    template: &str,
    staging: &Staging,
) -> io::Result<Named> {
    let build = reader_build(template);
    let glue_text = match &build {
        Some(build) => Some(read_text(&dist.join(&build.glue))?),
        None => None,
    };
    if let (Some(build), Some(text)) = (&build, &glue_text)
        && text.contains(PLACEHOLDER)
    {
        return Err(io::Error::other(format!(
            "{}: the reader app was built without being split into its pieces (docs/wasm-split.md): build it with `source scripts/env.sh && trunk build`",
            dist.join(&build.glue).display()
        )));
    }
    let staged = dist.join(LOADER);
    if !staged.is_file() {
        return Ok(Named {
            loader: named_before(dist, glue_text.as_deref())?,
            template: template.to_owned(),
        });
    }
    let bad = |why: String| io::Error::other(format!("{}: {why}", staged.display()));
    let loader = read_text(&staged)?;
    let loads = loads(&loader).map_err(|why| bad(format!("{why} (not {SPLITTER}'s loader?)")))?;
    let (Some(build), Some(glue_text)) = (build, glue_text) else {
        return Err(bad(format!(
            "{} loads no reader app ({READER_APP}-….js) to load it",
            template_path.display()
        )));
    };
    if !glue_text.contains(LOADER_IMPORT) {
        if glue_text.contains(&format!("from \"./{LOADER_STEM}-")) {
            // What a run that stopped after writing the page left: the page loads what it named.
            remove_files(dist, loads.iter().map(|l| l.file).chain([LOADER]))?;
            return Ok(Named {
                loader: named_before(dist, Some(&glue_text))?,
                template: template.to_owned(),
            });
        }
        return Err(bad(format!(
            "{} does not import {LOADER}: rebuild the app with `trunk build`",
            build.glue
        )));
    }
    // Each piece by its content, fetched by that name with its integrity.
    let mut named_loader = loader.clone();
    let mut pieces = Vec::new();
    for load in &loads {
        let bytes = read(&dist.join(load.file))?;
        let stem = load.file.strip_suffix(".wasm").unwrap_or(load.file);
        let name = format!("{stem}-{}.wasm", content_hash(&bytes));
        let from = format!("{FETCH}{}{URL_END})", load.file);
        let to = format!(
            "{FETCH}{name}{URL_END}, {{integrity: \"{}\"}})",
            integrity(&bytes)
        );
        if named_loader.matches(&from).count() != 1 {
            return Err(bad(format!(
                "it does not fetch {} exactly once as `{from}`",
                load.file
            )));
        }
        named_loader = named_loader.replacen(&from, &to, 1);
        pieces.push((name, bytes));
    }
    if named_loader.matches(GLUE_IMPORT).count() != 1 {
        return Err(bad(format!(
            "it does not import the glue ({GLUE_IMPORT}) exactly once"
        )));
    }
    // The loader's name covers all it holds but the glue's new name, which follows from it and
    // from how this module renames: the pieces' names and integrity, the glue, [`NAMING`].
    let loader_name = format!(
        "{LOADER_STEM}-{}.js",
        content_hash(&length_prefixed(&[
            named_loader.as_bytes(),
            glue_text.as_bytes(),
            NAMING.as_bytes()
        ]))
    );
    let new_glue_text = glue_text.replace(LOADER_IMPORT, &format!("from \"./{loader_name}\""));
    let new_glue = format!("{READER_APP}-{}.js", content_hash(new_glue_text.as_bytes()));
    let named_loader = named_loader.replace(GLUE_IMPORT, &format!("from \"./{new_glue}\""));
    // The main wasm by its final bytes too: Trunk names it after cargo's output, before the
    // split and wasm-opt, and the pieces fit only the main module they were split from.
    let wasm = read(&dist.join(&build.wasm))?;
    let new_wasm = format!("{READER_APP}-{}_bg.wasm", content_hash(&wasm));
    let mut new_template = template.to_owned();
    for (from, to, old, new) in [
        (
            &build.glue,
            &new_glue,
            glue_text.as_bytes(),
            new_glue_text.as_bytes(),
        ),
        (&build.wasm, &new_wasm, &wasm[..], &wasm[..]),
    ] {
        new_template = new_template
            .replace(from.as_str(), to)
            .replace(&integrity(old), &integrity(new));
    }
    remove_named(dist)?;
    let put = |name: &str, bytes: &[u8]| {
        let path = dist.join(name);
        staging.put(&path, bytes).map_err(|e| at(&path, e))
    };
    for (name, bytes) in &pieces {
        put(name, bytes)?;
    }
    put(&loader_name, named_loader.as_bytes())?;
    put(&new_glue, new_glue_text.as_bytes())?;
    put(&new_wasm, &wasm)?;
    staging
        .put(template_path, new_template.as_bytes())
        .map_err(|e| at(template_path, e))?;
    remove_files(dist, [LOADER])?;
    let replaced = [build.glue.as_str(), build.wasm.as_str()]
        .into_iter()
        .filter(|old| *old != new_glue && *old != new_wasm);
    remove_files(dist, loads.iter().map(|l| l.file).chain(replaced))?;
    Ok(Named {
        loader: Some(Loader {
            integrity: integrity(named_loader.as_bytes()),
            name: loader_name,
        }),
        template: new_template,
    })
}

/// The version of how [`name_by_content`] renames and rewrites: part of the loader's name, so
/// that a change of it gives new names. Bump it with any change of what the files hold.
const NAMING: &str = "kiosque-pieces-1";

/// The module wasm-bindgen's glue imports for a wasm that was not split: no browser can load it.
const PLACEHOLDER: &str = "__wasm_split_placeholder__";

/// `parts`, each after its length: no two lists of parts give the same bytes.
fn length_prefixed(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend((part.len() as u64).to_le_bytes());
        out.extend(*part);
    }
    out
}

/// `error` naming `path`.
fn at(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

fn read(path: &Path) -> io::Result<Vec<u8>> {
    fs::read(path).map_err(|e| at(path, e))
}

fn read_text(path: &Path) -> io::Result<String> {
    fs::read_to_string(path).map_err(|e| at(path, e))
}

/// Removes the files `names` of `dist`; one already gone is not an error.
fn remove_files<'a>(dist: &Path, names: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
    for name in names {
        let path = dist.join(name);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(at(&path, e)),
            _ => {}
        }
    }
    Ok(())
}

/// One load of the loader: the piece it fetches (with its integrity, once named).
#[derive(Debug)]
struct Load<'a> {
    file: &'a str,
    integrity: Option<&'a str>,
}

/// The loads of the loader `text`: each `const __<name> = … fetch(new URL("./<file>",
/// import.meta.url)…)` (a load's body has `const`s of its own, not named `__…`).
fn loads(text: &str) -> Result<Vec<Load<'_>>, String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(FETCH) {
        if !text[..at].contains("const __") {
            return Err("a piece is fetched outside a `const __…`".to_owned());
        }
        let rest = &text[at + FETCH.len()..];
        let file = &rest[..rest.find('"').ok_or("a file name does not end")?];
        if !file.ends_with(".wasm")
            || !file
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
            || file.starts_with('.')
        {
            return Err(format!(
                "it fetches {file:?}, not a wasm piece of the site's root"
            ));
        }
        let rest = rest[file.len()..]
            .strip_prefix(URL_END)
            .ok_or_else(|| format!("{file}'s address is not relative to the loader"))?;
        let integrity = rest
            .strip_prefix(", {integrity: \"")
            .and_then(|r| r.split('"').next());
        out.push(Load { file, integrity });
    }
    if out.is_empty() {
        return Err("it fetches no piece".to_owned());
    }
    Ok(out)
}

/// Whether `name` is a file this module names: `__wasm_split-<hash>.js`, or a piece
/// `<split_…|chunk_…>-<hash>.wasm`.
fn is_named(name: &str) -> bool {
    let hashed = |name: &str, suffix: &str| {
        name.rsplit_once('-')
            .is_some_and(|(stem, _)| super::content_named(name, stem) == Some(suffix))
    };
    (name.starts_with(&format!("{LOADER_STEM}-")) && hashed(name, ".js"))
        || ((name.starts_with("split_") || name.starts_with("chunk_")) && hashed(name, ".wasm"))
}

/// Removes the pieces and loader an earlier run named (a site rebuilt into the same `dist`).
fn remove_named(dist: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dist).map_err(|e| at(dist, e))? {
        let name = entry?.file_name();
        if name.to_str().is_some_and(is_named) {
            let path = dist.join(name);
            fs::remove_file(&path).map_err(|e| at(&path, e))?;
        }
    }
    Ok(())
}

/// The loader an earlier run named in `dist`, checked: the glue `glue` (the text of the one
/// the site's page loads) imports it, and each piece it fetches is there with its integrity.
fn named_before(dist: &Path, glue: Option<&str>) -> io::Result<Option<Loader>> {
    let mut loaders = Vec::new();
    for entry in fs::read_dir(dist).map_err(|e| at(dist, e))? {
        if let Ok(name) = entry?.file_name().into_string()
            && is_named(&name)
            && name.ends_with(".js")
        {
            loaders.push(name);
        }
    }
    let loader = match loaders.pop() {
        None => return Ok(None),
        Some(loader) if loaders.is_empty() => loader,
        Some(loader) => {
            return Err(io::Error::other(format!(
                "{} has {} loaders of the app's pieces ({loader}, {}): rebuild the app with `trunk build`",
                dist.display(),
                loaders.len() + 1,
                loaders.join(", ")
            )));
        }
    };
    let path = dist.join(&loader);
    let bad = |why: String| {
        io::Error::other(format!(
            "{}: {why}: rebuild the app with `trunk build`",
            path.display()
        ))
    };
    if !glue.is_some_and(|glue| glue.contains(&format!("from \"./{loader}\""))) {
        return Err(bad(
            "the reader app the site's page loads does not import it".to_owned(),
        ));
    }
    let text = read_text(&path)?;
    for load in loads(&text).map_err(bad)? {
        let piece = dist.join(load.file);
        let bytes = fs::read(&piece).map_err(|e| bad(format!("{}: {e}", piece.display())))?;
        if load.integrity != Some(integrity(&bytes).as_str()) {
            return Err(bad(format!("{} is not the piece it names", load.file)));
        }
    }
    Ok(Some(Loader {
        integrity: integrity(text.as_bytes()),
        name: loader,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::file_names as names;

    /// The loader as wasm-split-cli 0.2.4 writes it for two split points sharing a chunk
    /// (abridged: the functions the loads call are left out).
    const LOADER_TEXT: &str = r#"import { initSync } from "./kiosque-app.js";
function makeLoad(fetcher, deps) { return fetcher; }
/* article_page, entity_page */
const __chunk_3 = makeLoad(() => {
    const src = fetch(new URL("./chunk_3.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_entity_page = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_entity_page.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_3]));
export const __wasm_split_load_article_page = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_article_page.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_3]));
"#;

    const GLUE: &str = "kiosque-app-0123456789abcdef.js";
    const WASM: &str = "kiosque-app-0123456789abcdef_bg.wasm";

    /// A `dist` as Trunk and scripts/split-hook leave it, with the page loading the glue; the
    /// article page's piece holds `article`.
    fn split_dist(article: &[u8]) -> (tempfile::TempDir, String) {
        let dist = tempfile::tempdir().expect("a temporary directory");
        let glue = "import * as import1 from \"./__wasm_split.js\"\nimport * as import2 from \"./__wasm_split.js\"\nconst imports = { \"./__wasm_split.js\": import1 };\nexport function initSync() {}";
        for (name, content) in [
            (LOADER, LOADER_TEXT.as_bytes()),
            ("chunk_3.wasm", b"\0asm shared"),
            ("split_article_page.wasm", article),
            ("split_entity_page.wasm", b"\0asm entity"),
            (GLUE, glue.as_bytes()),
            (WASM, b"\0asm app"),
        ] {
            fs::write(dist.path().join(name), content).expect("written");
        }
        let page = format!(
            "<head><script type=\"module\">import init from '/{GLUE}';await init({{ module_or_path: '/{WASM}' }});</script>\
             <link rel=\"modulepreload\" href=\"/{GLUE}\" crossorigin=\"anonymous\" integrity=\"{}\">\
             <link rel=\"preload\" href=\"/{WASM}\" crossorigin=\"anonymous\" integrity=\"{}\" as=\"fetch\" type=\"application/wasm\"></head>",
            integrity(glue.as_bytes()),
            integrity(b"\0asm app")
        );
        fs::write(dist.path().join("index.html"), &page).expect("written");
        (dist, page)
    }

    fn name_in(dist: &Path, page: &str) -> io::Result<Named> {
        name_by_content(
            dist,
            &dist.join("index.html"),
            page,
            &Staging::new(dist, true).expect("staging"),
        )
    }

    #[test]
    fn the_pieces_loader_and_glue_are_named_by_content_and_the_page_loads_them() {
        let (dist, page) = split_dist(b"\0asm article");
        let named = name_in(dist.path(), &page).expect("named");
        let loader_name = named.loader.clone().expect("a loader").name;
        // Each piece is where the loader fetches it by its content's name, with its integrity.
        let loader = fs::read_to_string(dist.path().join(&loader_name)).expect("the loader");
        // The start script preloads it with its integrity: that of its bytes.
        assert_eq!(
            named.loader.as_ref().map(|l| l.integrity.clone()),
            Some(integrity(loader.as_bytes()))
        );
        for (stem, bytes) in [
            ("chunk_3", &b"\0asm shared"[..]),
            ("split_article_page", b"\0asm article"),
            ("split_entity_page", b"\0asm entity"),
        ] {
            let file = format!("{stem}-{}.wasm", content_hash(bytes));
            assert_eq!(fs::read(dist.path().join(&file)).expect("the piece"), bytes);
            assert!(
                loader.contains(&format!(
                    "fetch(new URL(\"./{file}\", import.meta.url), {{integrity: \"{}\"}})",
                    integrity(bytes)
                )),
                "{loader}"
            );
        }
        // The loader imports the renamed glue, which imports it; the page loads that glue with
        // its integrity, and no file keeps a fixed name.
        let glue = reader_build(&named.template).expect("the glue").glue;
        assert_ne!(glue, GLUE);
        assert!(loader.contains(&format!("from \"./{glue}\"")), "{loader}");
        let glue_text = fs::read(dist.path().join(&glue)).expect("the glue");
        let glue_js = String::from_utf8_lossy(&glue_text);
        assert_eq!(
            glue_js.matches("import * as import").count(),
            glue_js
                .matches(&format!("from \"./{loader_name}\""))
                .count(),
            "{glue_js}"
        );
        // The wasm's own import names are module names, not addresses: kept.
        assert!(
            glue_js.contains("{ \"./__wasm_split.js\": import1 }"),
            "{glue_js}"
        );
        assert!(
            named.template.contains(&integrity(&glue_text)),
            "{}",
            named.template
        );
        assert_eq!(
            fs::read_to_string(dist.path().join("index.html")).expect("the page"),
            named.template
        );
        // The main wasm by its bytes, with its integrity.
        let wasm = format!("{READER_APP}-{}_bg.wasm", content_hash(b"\0asm app"));
        assert!(
            named.template.contains(&format!("'/{wasm}'"))
                && named.template.contains(&format!(
                    "href=\"/{wasm}\" crossorigin=\"anonymous\" integrity=\"{}\"",
                    integrity(b"\0asm app")
                )),
            "{}",
            named.template
        );
        let names = names(dist.path());
        assert!(
            names
                .iter()
                .all(|n| n == "index.html" || n.contains('-') && !n.contains("0123456789abcdef")),
            "{names:?}"
        );
        assert_eq!(names.len(), 7, "{names:?}");
        // Another run on the same directory (each `kiosque build`) checks what the first named.
        assert_eq!(name_in(dist.path(), &named.template).expect("again"), named);
        assert_eq!(self::names(dist.path()), names);
        // A piece changed or lost since is said, naming the loader.
        let piece = format!("chunk_3-{}.wasm", content_hash(b"\0asm shared"));
        fs::write(dist.path().join(&piece), "\0asm other").expect("written");
        let message = name_in(dist.path(), &named.template)
            .expect_err("a changed piece")
            .to_string();
        assert!(
            message.contains(&loader_name) && message.contains(&piece),
            "{message}"
        );
        fs::remove_file(dist.path().join(&piece)).expect("removed");
        let message = name_in(dist.path(), &named.template)
            .expect_err("a missing piece")
            .to_string();
        assert!(message.contains(&piece), "{message}");
    }

    #[test]
    fn a_changed_piece_renames_it_its_loader_and_the_glue() {
        let (first, page) = split_dist(b"\0asm article");
        let first_named = name_in(first.path(), &page).expect("named");
        let (second, page) = split_dist(b"\0asm article, changed");
        let second_named = name_in(second.path(), &page).expect("named");
        assert_ne!(first_named.loader, second_named.loader);
        assert_ne!(
            reader_build(&first_named.template),
            reader_build(&second_named.template)
        );
        // The other pieces keep their names.
        let (a, b) = (names(first.path()), names(second.path()));
        let kept: Vec<&String> = a.iter().filter(|n| b.contains(n)).collect();
        assert!(
            kept.iter().any(|n| n.starts_with("chunk_3-")),
            "{a:?} {b:?}"
        );
        assert!(
            kept.iter().any(|n| n.starts_with("split_entity_page-")),
            "{a:?} {b:?}"
        );
        assert!(
            !kept.iter().any(|n| n.starts_with("split_article_page-")),
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn a_loader_of_another_format_is_refused_with_its_path() {
        let (dist, page) = split_dist(b"\0asm article");
        fs::write(
            dist.path().join(LOADER),
            "import(\"./split_article_page.js\")",
        )
        .expect("written");
        let error = name_in(dist.path(), &page).expect_err("an unknown loader");
        let message = error.to_string();
        assert!(
            message.contains(LOADER) && message.contains(SPLITTER),
            "{message}"
        );
        // Nothing was renamed: the build is as it was.
        assert!(dist.path().join("split_article_page.wasm").is_file());
        assert!(dist.path().join(GLUE).is_file());
    }

    #[test]
    fn an_app_without_pieces_keeps_its_page() {
        let dist = tempfile::tempdir().expect("a temporary directory");
        let named = name_in(dist.path(), "<head></head>").expect("read");
        assert_eq!(named.loader, None);
        assert_eq!(named.template, "<head></head>");
    }

    #[test]
    fn two_loaders_are_refused_with_their_names() {
        let (dist, page) = split_dist(b"\0asm article");
        let named = name_in(dist.path(), &page).expect("named");
        let loader = named.loader.expect("a loader").name;
        fs::copy(
            dist.path().join(&loader),
            dist.path().join("__wasm_split-fedcba9876543210.js"),
        )
        .expect("copied");
        let error = name_in(dist.path(), &named.template).expect_err("two loaders");
        assert!(
            error
                .to_string()
                .contains("__wasm_split-fedcba9876543210.js"),
            "{error}"
        );
    }

    #[test]
    fn an_app_built_without_the_splitter_is_refused_with_the_way_to_build_it() {
        let (dist, page) = split_dist(b"\0asm article");
        fs::write(
            dist.path().join(GLUE),
            "import * as import1 from \"__wasm_split_placeholder__\"",
        )
        .expect("written");
        let message = name_in(dist.path(), &page)
            .expect_err("an unsplit app")
            .to_string();
        assert!(
            message.contains(GLUE) && message.contains("scripts/env.sh"),
            "{message}"
        );
    }

    #[test]
    fn what_a_run_stopped_after_writing_the_page_left_is_removed_by_the_next() {
        let (dist, page) = split_dist(b"\0asm article");
        // What the run would have read, kept aside.
        let staged: Vec<(&str, Vec<u8>)> = [LOADER, "chunk_3.wasm", "split_article_page.wasm"]
            .into_iter()
            .map(|name| (name, fs::read(dist.path().join(name)).expect("read")))
            .collect();
        let named = name_in(dist.path(), &page).expect("named");
        let after = names(dist.path());
        // The run stopped before removing the staged files: they are back.
        for (name, bytes) in &staged {
            fs::write(dist.path().join(name), bytes).expect("written");
        }
        assert_eq!(name_in(dist.path(), &named.template).expect("again"), named);
        assert_eq!(names(dist.path()), after);
    }

    #[test]
    fn a_loader_the_page_s_app_does_not_import_is_refused() {
        let (dist, page) = split_dist(b"\0asm article");
        let named = name_in(dist.path(), &page).expect("named");
        let loader = named.loader.expect("a loader").name;
        let glue = reader_build(&named.template).expect("the glue").glue;
        fs::write(dist.path().join(&glue), "export function initSync() {}").expect("written");
        let message = name_in(dist.path(), &named.template)
            .expect_err("a glue without the loader")
            .to_string();
        assert!(message.contains(&loader), "{message}");
    }
}
