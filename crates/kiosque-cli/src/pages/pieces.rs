//! The reader app's wasm pieces (docs/wasm-split.md) named by their content, and the files each
//! page loaded on demand needs, which its pre-rendered pages preload.
//!
//! Trunk's post-build hook `scripts/split-hook` stages the pieces under the splitter's fixed
//! names (`split_article_page.wasm`, `chunk_3.wasm`, …) with their loader `__wasm_split.js`,
//! which Trunk's content-named glue (`kiosque-app-<hash>.js`) imports and which imports the glue
//! back. A fixed name cannot be cached for long: after a deploy, a browser could pair a cached
//! piece with a new main module. `kiosque pages` names each piece by its content
//! (`split_article_page-<hash>.wasm`) and makes the loader fetch it by that name with its
//! integrity; names the loader by what it holds (`__wasm_split-<hash>.js`); renames the glue,
//! which now imports that name, by its new content; and writes the site's page (`index.html`, the
//! pages' template) loading the new glue with its integrity. Run again on the same `dist` (each
//! `kiosque build`), it reads the loader it named and changes nothing.

use std::collections::BTreeMap;
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
/// How the loader names the load of a split point's piece: `__wasm_split_load_<split point>`.
const SPLIT_LOAD: &str = "__wasm_split_load_";
/// The splitter the loader's format is that of (scripts/setup installs it).
const SPLITTER: &str = "wasm-split-cli 0.2.4";

/// One file a page's code needs, in the site's root, and its integrity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub file: String,
    pub integrity: String,
}

/// The reader app's pieces in a built site: its loader, and per split point the files its page
/// needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pieces {
    /// The content-named loader.
    pub loader: String,
    pages: BTreeMap<String, Vec<Piece>>,
}

impl Pieces {
    /// The files the page of the split point `split` (`article_page`, `entity_page`: the
    /// `kiosque-app` bin's, src/main.rs) needs, the shared ones first; none for a split point the
    /// loader does not have.
    pub fn of(&self, split: &str) -> &[Piece] {
        self.pages.get(split).map_or(&[], Vec::as_slice)
    }
}

/// What [`name_by_content`] found in `dist`, and the site's page loading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The pieces, `None` for an app built without them.
    pub pieces: Option<Pieces>,
    /// The template (`index.html`) as written: loading the renamed glue, if it was renamed.
    pub template: String,
}

/// Names the reader app's pieces, their loader and the glue in `dist` by their content, and
/// writes the template `template` (`index.html`'s text, at `template_path`) loading the renamed
/// glue; or, when an earlier run named them, reads the loader it wrote. A `dist` without a loader
/// (an app without split points) gives no pieces and the template unchanged.
pub fn name_by_content(
    dist: &Path,
    template_path: &Path,
    template: &str,
    staging: &Staging,
) -> io::Result<Named> {
    let staged = dist.join(LOADER);
    if !staged.is_file() {
        return Ok(Named {
            pieces: named_before(dist)?,
            template: template.to_owned(),
        });
    }
    let bad = |why: String| io::Error::other(format!("{}: {why}", staged.display()));
    let loader = fs::read_to_string(&staged)?;
    let glue = reader_build(template)
        .ok_or_else(|| {
            bad(format!(
                "{} loads no reader app ({READER_APP}-….js) to load it",
                template_path.display()
            ))
        })?
        .glue;
    let glue_text = fs::read_to_string(dist.join(&glue))?;
    if !glue_text.contains(LOADER_IMPORT) {
        return Err(bad(format!("{glue} does not import {LOADER}")));
    }
    // Each piece by its content, fetched by that name with its integrity.
    let mut named_loader = loader.clone();
    let mut renamed = Vec::new();
    for load in loads(&loader).map_err(|why| bad(format!("{why} (not {SPLITTER}'s loader?)")))? {
        let bytes = fs::read(dist.join(load.file))?;
        let stem = load.file.strip_suffix(".wasm").unwrap_or(load.file);
        let name = format!("{stem}-{}.wasm", content_hash(&bytes));
        let from = format!("{FETCH}{}{URL_END})", load.file);
        let to = format!(
            "{FETCH}{name}{URL_END}, {{integrity: \"{}\"}})",
            integrity(&bytes)
        );
        if named_loader.matches(&from).count() != 1 {
            return Err(bad(format!("it fetches {} more than once", load.file)));
        }
        named_loader = named_loader.replacen(&from, &to, 1);
        renamed.push((load.file.to_owned(), name));
    }
    if named_loader.matches(GLUE_IMPORT).count() != 1 {
        return Err(bad(format!(
            "it does not import the glue ({GLUE_IMPORT}) once"
        )));
    }
    // The loader's name covers all it holds but the glue's new name, which follows from it and
    // from how this version renames: the pieces' names and integrity, the glue, the version.
    let loader_name = format!(
        "{LOADER_STEM}-{}.js",
        content_hash(
            &[
                named_loader.as_bytes(),
                glue_text.as_bytes(),
                env!("CARGO_PKG_VERSION").as_bytes()
            ]
            .concat()
        )
    );
    let new_glue_text = glue_text.replace(LOADER_IMPORT, &format!("from \"./{loader_name}\""));
    let new_glue = format!("{READER_APP}-{}.js", content_hash(new_glue_text.as_bytes()));
    let named_loader = named_loader.replace(GLUE_IMPORT, &format!("from \"./{new_glue}\""));
    let new_template = template.replace(&glue, &new_glue).replace(
        &integrity(glue_text.as_bytes()),
        &integrity(new_glue_text.as_bytes()),
    );
    // The new files first, then the page that loads them, then the old files.
    remove_named(dist)?;
    for (from, to) in &renamed {
        fs::rename(dist.join(from), dist.join(to))?;
    }
    staging.put(&dist.join(&loader_name), named_loader.as_bytes())?;
    staging.put(&dist.join(&new_glue), new_glue_text.as_bytes())?;
    staging.put(template_path, new_template.as_bytes())?;
    fs::remove_file(&staged)?;
    if new_glue != glue {
        fs::remove_file(dist.join(&glue))?;
    }
    let pieces =
        pieces_of(loader_name, &named_loader).map_err(|why| bad(format!("{why} once named")))?;
    Ok(Named {
        pieces: Some(pieces),
        template: new_template,
    })
}

/// One load of the loader: a piece fetched (with its integrity, once named), after the loads it
/// waits for.
#[derive(Debug)]
struct Load<'a> {
    name: &'a str,
    file: &'a str,
    integrity: Option<&'a str>,
    deps: Vec<&'a str>,
}

/// The loads of the loader `text`: each `const __<name> = … fetch(new URL("./<file>",
/// import.meta.url)…) … , [<deps>]` (a load's body has `const`s of its own, not named `__…`).
fn loads(text: &str) -> Result<Vec<Load<'_>>, String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(FETCH) {
        let before = &text[..at];
        let name = before
            .rfind("const __")
            .map(|i| &before[i + "const ".len()..])
            .and_then(|rest| {
                rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
            })
            .filter(|name| !name.is_empty())
            .ok_or("a piece is fetched outside a `const __…`")?;
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
        let deps = rest
            .find(", [")
            .map(|i| &rest[i + ", [".len()..])
            .and_then(|r| r.find(']').map(|end| &r[..end]))
            .ok_or_else(|| format!("{name} names no loads to wait for"))?;
        out.push(Load {
            name,
            file,
            integrity,
            deps: deps
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .collect(),
        });
    }
    if out.is_empty() {
        return Err("it fetches no piece".to_owned());
    }
    Ok(out)
}

/// The pieces of the named loader `loader` (`text`): per split point, the files of the loads it
/// waits for, then its own.
fn pieces_of(loader: String, text: &str) -> Result<Pieces, String> {
    let loads = loads(text)?;
    let by_name: BTreeMap<&str, &Load> = loads.iter().map(|l| (l.name, l)).collect();
    let mut pages = BTreeMap::new();
    for load in &loads {
        let Some(split) = load.name.strip_prefix(SPLIT_LOAD) else {
            continue;
        };
        let mut files: Vec<Piece> = Vec::new();
        // The loads waited for, depth first (the splitter's are one level deep), then its own.
        let mut stack: Vec<(&Load, bool)> = vec![(load, false)];
        while let Some((at, expanded)) = stack.pop() {
            if expanded {
                let integrity = at
                    .integrity
                    .ok_or_else(|| format!("{} has no integrity", at.file))?;
                if !files.iter().any(|p| p.file == at.file) {
                    files.push(Piece {
                        file: at.file.to_owned(),
                        integrity: integrity.to_owned(),
                    });
                }
                continue;
            }
            if stack.len() > loads.len() {
                return Err(format!("{} waits for itself", load.name));
            }
            stack.push((at, true));
            for dep in at.deps.iter().rev() {
                let dep = by_name.get(dep).ok_or_else(|| {
                    format!("{} waits for {dep}, which it does not define", at.name)
                })?;
                stack.push((dep, false));
            }
        }
        pages.insert(split.to_owned(), files);
    }
    Ok(Pieces { loader, pages })
}

/// Whether `name` is a file this module names: `__wasm_split-<hash>.js`, or a piece
/// `<split_…|chunk_…>-<hash>.wasm`.
fn is_named(name: &str) -> bool {
    let hashed = |rest: &str, suffix: &str| {
        rest.rsplit_once('-').is_some_and(|(_, tail)| {
            tail.strip_suffix(suffix)
                .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
    };
    (name.starts_with(&format!("{LOADER_STEM}-")) && hashed(name, ".js"))
        || ((name.starts_with("split_") || name.starts_with("chunk_")) && hashed(name, ".wasm"))
}

/// Removes the pieces and loader an earlier run named (a site rebuilt into the same `dist`).
fn remove_named(dist: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dist)? {
        let name = entry?.file_name();
        if name.to_str().is_some_and(is_named) {
            fs::remove_file(dist.join(name))?;
        }
    }
    Ok(())
}

/// The pieces an earlier run named in `dist`, from its loader.
fn named_before(dist: &Path) -> io::Result<Option<Pieces>> {
    let mut loaders = Vec::new();
    for entry in fs::read_dir(dist)? {
        if let Ok(name) = entry?.file_name().into_string()
            && is_named(&name)
            && name.ends_with(".js")
        {
            loaders.push(name);
        }
    }
    match loaders.pop() {
        None => Ok(None),
        Some(loader) if loaders.is_empty() => {
            let path = dist.join(&loader);
            let text = fs::read_to_string(&path)?;
            pieces_of(loader, &text)
                .map(Some)
                .map_err(|why| io::Error::other(format!("{}: {why}", path.display())))
        }
        Some(loader) => Err(io::Error::other(format!(
            "{} has {} loaders of the app's pieces ({loader}, {}): rebuild the app with `trunk build`",
            dist.display(),
            loaders.len() + 1,
            loaders.join(", ")
        ))),
    }
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
            ("kiosque-app-0123456789abcdef_bg.wasm", b"\0asm app"),
        ] {
            fs::write(dist.path().join(name), content).expect("written");
        }
        let page = format!(
            "<head><script type=\"module\">import init from '/{GLUE}';await init({{ module_or_path: '/kiosque-app-0123456789abcdef_bg.wasm' }});</script>\
             <link rel=\"modulepreload\" href=\"/{GLUE}\" integrity=\"{}\"></head>",
            integrity(glue.as_bytes())
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
        let pieces = named.pieces.clone().expect("pieces");
        let files = |split: &str| -> Vec<String> {
            pieces.of(split).iter().map(|p| p.file.clone()).collect()
        };
        let article = files("article_page");
        assert_eq!(article.len(), 2, "{article:?}");
        assert!(
            article[0].starts_with("chunk_3-"),
            "the shared chunk first: {article:?}"
        );
        assert!(article[1].starts_with("split_article_page-"), "{article:?}");
        assert_eq!(files("entity_page")[0], article[0]);
        assert!(pieces.of("home_page").is_empty());
        // Each piece is where the loader fetches it, with the integrity of its bytes.
        let loader = fs::read_to_string(dist.path().join(&pieces.loader)).expect("the loader");
        for piece in pieces.of("article_page") {
            let bytes = fs::read(dist.path().join(&piece.file)).expect("the piece");
            assert_eq!(piece.integrity, integrity(&bytes));
            assert!(
                loader.contains(&format!(
                    "fetch(new URL(\"./{}\", import.meta.url), {{integrity: \"{}\"}})",
                    piece.file, piece.integrity
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
                .matches(&format!("from \"./{}\"", pieces.loader))
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
        let names = names(dist.path());
        assert!(
            names
                .iter()
                .all(|n| n == "index.html" || n.contains("-") && !n.contains("0123456789abcdef.js")),
            "{names:?}"
        );
        assert_eq!(names.len(), 7, "{names:?}");
        // Another run on the same directory (each `kiosque build`) reads what the first named.
        assert_eq!(name_in(dist.path(), &named.template).expect("again"), named);
        assert_eq!(self::names(dist.path()), names);
    }

    #[test]
    fn a_changed_piece_renames_it_its_loader_and_the_glue() {
        let (first, page) = split_dist(b"\0asm article");
        let first = name_in(first.path(), &page).expect("named");
        let (second, page) = split_dist(b"\0asm article, changed");
        let second = name_in(second.path(), &page).expect("named");
        let (a, b) = (
            first.pieces.expect("pieces"),
            second.pieces.expect("pieces"),
        );
        assert_eq!(a.of("entity_page"), b.of("entity_page"));
        assert_ne!(a.of("article_page")[1], b.of("article_page")[1]);
        assert_ne!(a.loader, b.loader);
        assert_ne!(
            reader_build(&first.template),
            reader_build(&second.template)
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
        assert_eq!(named.pieces, None);
        assert_eq!(named.template, "<head></head>");
    }

    #[test]
    fn two_loaders_are_refused_with_their_names() {
        let (dist, page) = split_dist(b"\0asm article");
        let named = name_in(dist.path(), &page).expect("named");
        let loader = named.pieces.expect("pieces").loader;
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
}
