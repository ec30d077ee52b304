//! The reader app started on first use (docs/wasm-split.md, "The app on first use").
//!
//! Trunk's page starts the app as it loads: an inline module script imports the glue and
//! fetches the wasm, which two `<link>`s preload, with their integrity. Every page of the site
//! is pre-rendered and read without the app, so `kiosque pages` replaces those three elements by
//! one `<script type="module" src="kiosque-start-<hash>.js">` whose data-* attributes name the
//! glue and the wasm with their integrity: the start script ([`SOURCE`]) fetches and starts the
//! app when the reader reaches for what only it does (a button, a search box), or at once on a
//! page that needs it (a shell, an address asking for a search or filters). The first load of a
//! page is its HTML, the CSS and this script; the app comes on first use.
//!
//! The names and integrity values stay in the page's text, where the other steps of `kiosque
//! pages` rewrite them (the pieces' naming, the Try it page's app); a page already written this
//! way is left as it is, so that a run on a page it wrote changes nothing.

use std::fs;
use std::io;
use std::path::Path;

use super::pieces::Loader;
use super::{content_hash, integrity};
use crate::atomic::Staging;

/// The start script's source (its comments say how it works).
const SOURCE: &str = include_str!("start.js");
/// The start script's name stem: `kiosque-start-<hash>.js`.
const STEM: &str = "kiosque-start";

/// Trunk's inline script that starts an app as the page loads.
const TRUNK_SCRIPT: &str = "<script type=\"module\">";
const SCRIPT_END: &str = "</script>";
/// Where, in Trunk's script, the glue is imported from and the wasm fetched.
const GLUE_FROM: &str = " from '";
const WASM_AT: &str = "module_or_path: '";

/// The start script as written into the site: [`SOURCE`] without its comment lines and
/// indentation (a page's first load carries it).
fn script() -> String {
    SOURCE
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The start script's file name.
pub fn file_name() -> String {
    format!("{STEM}-{}.js", content_hash(script().as_bytes()))
}

/// `html` (a page template as Trunk wrote it) starting its app on first use: Trunk's start script
/// and its two preload links replaced by the start script's element, which is written into
/// `dist` beside the app. A template with no app started by Trunk's script (already rewritten,
/// or without an app) is returned as it is.
pub fn on_first_use(
    html: &str,
    dist: &Path,
    staging: &Staging,
    loader: Option<&Loader>,
) -> io::Result<String> {
    let put = || {
        let path = dist.join(file_name());
        staging
            .put(&path, script().as_bytes())
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    };
    let Some(trunk) = TrunkStart::find(html) else {
        // A page this module wrote, maybe by another version of the script: it loads this one.
        return match written_start(html) {
            Some((name, old_integrity)) => {
                put()?;
                Ok(html.replacen(&name, &file_name(), 1).replacen(
                    &old_integrity,
                    &integrity(script().as_bytes()),
                    1,
                ))
            }
            None => Ok(html.to_owned()),
        };
    };
    let bad = |why: &str| io::Error::other(format!("{}: {why}", dist.join("index.html").display()));
    let glue = trunk
        .link(html, "modulepreload", &trunk.glue)
        .ok_or_else(|| bad(&format!("no modulepreload link of {}", trunk.glue)))?;
    let wasm = trunk
        .link(html, "preload", &trunk.wasm)
        .ok_or_else(|| bad(&format!("no preload link of {}", trunk.wasm)))?;
    // Beside the glue, under the same public URL.
    let dir = &trunk.glue[..trunk.glue.rfind('/').map_or(0, |i| i + 1)];
    let name = file_name();
    put()?;
    // The pieces' loader, which the glue imports, preloaded beside it.
    let loader = loader.map_or_else(String::new, |loader| {
        format!(
            " data-loader=\"{dir}{}\" data-loader-integrity=\"{}\"",
            loader.name, loader.integrity
        )
    });
    let element = format!(
        "<script type=\"module\" src=\"{dir}{name}\" integrity=\"{}\" crossorigin=\"anonymous\" data-glue=\"{}\" data-glue-integrity=\"{}\" data-wasm=\"{}\" data-wasm-integrity=\"{}\"{loader}></script>",
        integrity(script().as_bytes()),
        trunk.glue,
        glue.integrity,
        trunk.wasm,
        wasm.integrity
    );
    // The later elements first, so that the earlier ranges stay where they are.
    let mut ranges = [trunk.range.clone(), glue.range, wasm.range];
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = html.to_owned();
    for range in ranges {
        let with = if range == trunk.range {
            element.as_str()
        } else {
            ""
        };
        out.replace_range(range, with);
    }
    Ok(out)
}

/// The start script a page written by [`on_first_use`] loads: its file name and integrity.
fn written_start(html: &str) -> Option<(String, String)> {
    let at = html.find(&format!("{STEM}-"))?;
    let name = &html[at..at + html[at..].find('"')?];
    let rest = &html[at..];
    let rest = &rest[rest.find("integrity=\"")? + "integrity=\"".len()..];
    let integrity = &rest[..rest.find('"')?];
    is_start_script(name).then(|| (name.to_owned(), integrity.to_owned()))
}

/// Trunk's start script in a page: where it is, the glue it imports and the wasm it fetches.
struct TrunkStart {
    range: std::ops::Range<usize>,
    glue: String,
    wasm: String,
}

/// A preload link: where it is, and its integrity.
struct Link {
    range: std::ops::Range<usize>,
    integrity: String,
}

impl TrunkStart {
    fn find(html: &str) -> Option<TrunkStart> {
        html.match_indices(TRUNK_SCRIPT).find_map(|(at, _)| {
            let body_at = at + TRUNK_SCRIPT.len();
            let end = body_at + html[body_at..].find(SCRIPT_END)?;
            let body = &html[body_at..end];
            let quoted = |after: &str| {
                let rest = &body[body.find(after)? + after.len()..];
                Some(rest[..rest.find('\'')?].to_owned())
            };
            let (glue, wasm) = (quoted(GLUE_FROM)?, quoted(WASM_AT)?);
            (glue.ends_with(".js") && wasm.ends_with(".wasm")).then(|| TrunkStart {
                range: at..end + SCRIPT_END.len(),
                glue,
                wasm,
            })
        })
    }

    /// The `<link rel="{rel}" href="{href}" …>` of the page, with its integrity.
    fn link(&self, html: &str, rel: &str, href: &str) -> Option<Link> {
        let rel = format!("rel=\"{rel}\"");
        let href = format!("href=\"{href}\"");
        html.match_indices("<link ").find_map(|(at, _)| {
            let end = at + html[at..].find('>')? + 1;
            let tag = &html[at..end];
            if !(tag.contains(&rel) && tag.contains(&href)) {
                return None;
            }
            let rest = &tag[tag.find("integrity=\"")? + "integrity=\"".len()..];
            Some(Link {
                range: at..end,
                integrity: rest[..rest.find('"')?].to_owned(),
            })
        })
    }
}

/// Whether `name` is a start script this module writes.
pub fn is_start_script(name: &str) -> bool {
    super::content_named(name, STEM) == Some(".js")
}

/// Removes the start scripts of `dist` other than this version's (a site rebuilt into the same
/// `dist` by a newer `kiosque`), once every page loads this one.
pub fn remove_others(dist: &Path) -> io::Result<()> {
    let current = file_name();
    for entry in fs::read_dir(dist)? {
        let name = entry?.file_name();
        if let Some(name) = name.to_str()
            && is_start_script(name)
            && name != current
        {
            fs::remove_file(dist.join(name))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::file_names;

    /// The page as Trunk 0.21 writes it, its app's glue and wasm under `/kiosque/`.
    const TRUNK_PAGE: &str = "<head><meta charset=\"utf-8\"/><base href=\"/kiosque/\" /><script>1</script><script type=\"module\">\nimport init, * as bindings from '/kiosque/kiosque-app-aa.js';\nconst wasm = await init({ module_or_path: '/kiosque/kiosque-app-bb_bg.wasm' });\n</script><link rel=\"stylesheet\" href=\"/kiosque/k.css\" integrity=\"sha384-css\"/><link rel=\"modulepreload\" href=\"/kiosque/kiosque-app-aa.js\" crossorigin=\"anonymous\" integrity=\"sha384-glue\"><link rel=\"preload\" href=\"/kiosque/kiosque-app-bb_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-wasm\" as=\"fetch\" type=\"application/wasm\"></head><body><div id=\"prerender\"></div></body>";

    fn staging(dist: &Path) -> Staging {
        Staging::new(dist, true).expect("staging")
    }

    #[test]
    fn trunk_s_start_becomes_one_script_naming_the_app_and_its_integrity() {
        let dist = tempfile::tempdir().expect("dist");
        let loader = Loader {
            name: "__wasm_split-cc.js".to_owned(),
            integrity: "sha384-loader".to_owned(),
        };
        let page = on_first_use(
            TRUNK_PAGE,
            dist.path(),
            &staging(dist.path()),
            Some(&loader),
        )
        .expect("rewritten");
        let name = file_name();
        assert!(is_start_script(&name), "{name}");
        assert_eq!(
            page,
            format!(
                "<head><meta charset=\"utf-8\"/><base href=\"/kiosque/\" /><script>1</script><script type=\"module\" src=\"/kiosque/{name}\" integrity=\"{}\" crossorigin=\"anonymous\" data-glue=\"/kiosque/kiosque-app-aa.js\" data-glue-integrity=\"sha384-glue\" data-wasm=\"/kiosque/kiosque-app-bb_bg.wasm\" data-wasm-integrity=\"sha384-wasm\" data-loader=\"/kiosque/__wasm_split-cc.js\" data-loader-integrity=\"sha384-loader\"></script><link rel=\"stylesheet\" href=\"/kiosque/k.css\" integrity=\"sha384-css\"/></head><body><div id=\"prerender\"></div></body>",
                integrity(script().as_bytes())
            )
        );
        // The script is written beside the app, with the bytes its integrity is of.
        assert_eq!(file_names(dist.path()), vec![name.clone()]);
        assert_eq!(
            fs::read_to_string(dist.path().join(&name)).expect("written"),
            script()
        );
        // A page written this way is left as it is; one written by another version of the
        // script loads this one, which is written.
        assert_eq!(
            on_first_use(&page, dist.path(), &staging(dist.path()), Some(&loader)).expect("read"),
            page
        );
        let older = page
            .replace(&name, &format!("{STEM}-0123456789abcdef.js"))
            .replace(&integrity(script().as_bytes()), "sha384-old");
        fs::remove_file(dist.path().join(&name)).expect("removed");
        assert_eq!(
            on_first_use(&older, dist.path(), &staging(dist.path()), Some(&loader)).expect("read"),
            page
        );
        assert_eq!(file_names(dist.path()), vec![name.clone()]);
    }

    #[test]
    fn a_page_without_trunk_s_start_is_left_as_it_is_and_one_without_its_links_refused() {
        let dist = tempfile::tempdir().expect("dist");
        let plain =
            "<head><script type=\"module\">import init from '/app.js'; init();</script></head>";
        assert_eq!(
            on_first_use(plain, dist.path(), &staging(dist.path()), None).expect("read"),
            plain
        );
        let without_preload = TRUNK_PAGE.replace("rel=\"preload\"", "rel=\"prefetch\"");
        let error = on_first_use(&without_preload, dist.path(), &staging(dist.path()), None)
            .expect_err("refused");
        assert!(
            error
                .to_string()
                .contains("no preload link of /kiosque/kiosque-app-bb_bg.wasm"),
            "{error}"
        );
        assert!(file_names(dist.path()).is_empty());
    }

    #[test]
    fn only_other_versions_of_the_start_script_are_removed() {
        let dist = tempfile::tempdir().expect("dist");
        let old = format!("{STEM}-0123456789abcdef.js");
        for name in [
            old.as_str(),
            &file_name(),
            "kiosque-app-aa.js",
            "kiosque-start.js",
        ] {
            fs::write(dist.path().join(name), "x").expect("written");
        }
        remove_others(dist.path()).expect("removed");
        let mut expected = vec![
            file_name(),
            "kiosque-app-aa.js".to_owned(),
            "kiosque-start.js".to_owned(),
        ];
        expected.sort();
        assert_eq!(file_names(dist.path()), expected);
    }
}
