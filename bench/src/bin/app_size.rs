//! What a reader downloads to run the app: the built `dist/` (wasm, JS, CSS, `index.html`) raw,
//! gzip (level 9) and brotli (quality 11, as static hosts precompress), next to the budget of
//! issue 8 (app = wasm + JS + CSS ≤ 100 KB brotli), which is measured on a page's first load:
//! the start script and the CSS, the app's glue and wasm coming on the reader's first use of a
//! control (docs/wasm-split.md, "The app on first use"); a build without the start script loads
//! them all at first. Run `trunk build --release` first, then
//! `cargo run --release -p kiosque-bench --bin app_size [-- DIST]` (default: the repository's
//! `dist/`). See `docs/app-size.md` for where the bytes go.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kiosque_bench::{is_app_piece, is_start_script, kb, on_first_load, try_page_part};

/// The app's budget, brotli, in bytes (issue 8): wasm + JS + CSS.
const APP_BUDGET: usize = 100 * 1024;

/// One file as served.
struct Sizes {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

impl Sizes {
    fn of(path: &Path) -> anyhow::Result<Sizes> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Sizes {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            raw: bytes.len(),
            gzip: gzip(&bytes)?,
            brotli: kiosque_bench::brotli_size(&bytes)?,
        })
    }
}

fn gzip(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// The files of the app in `dist`: every `.wasm`, `.js` and `.css` at its top level (Trunk
/// writes them there with a content hash in the name), and `index.html`.
fn app_files(dist: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .with_context(|| {
            format!(
                "cannot read {} (run `trunk build --release`)",
                dist.display()
            )
        })?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css")
        })
        .collect();
    // Largest kinds first: wasm, then JS, then CSS; by name within a kind.
    let rank = |path: &PathBuf| match path.extension().and_then(|e| e.to_str()) {
        Some("wasm") => 0,
        Some("js") => 1,
        _ => 2,
    };
    files.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    if !files.iter().any(|f| rank(f) == 0) {
        bail!(
            "no .wasm in {} (run `trunk build --release`)",
            dist.display()
        );
    }
    let index = dist.join("index.html");
    if index.is_file() {
        files.push(index);
    }
    Ok(files)
}

fn main() -> anyhow::Result<()> {
    let dist = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    let files = app_files(&dist)?;
    let sizes = files
        .iter()
        .map(|path| Sizes::of(path))
        .collect::<anyhow::Result<Vec<_>>>()?;

    println!("App size of {} (gzip -9, brotli q11):\n", dist.display());
    println!("| file | raw | gzip | brotli | budget (brotli) |");
    println!("|---|---:|---:|---:|---|");
    for s in &sizes {
        println!(
            "| {} | {} | {} | {} | |",
            s.name,
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
    }
    // The Try it page's own app (`src/bin/kiosque-try.rs`) and worker (`crates/kiosque-worker`)
    // are fetched by that page only: listed above, counted apart, not in the app every page loads.
    // The reader app's wasm pieces (docs/wasm-split.md) are fetched when an article or entity
    // page is first shown: counted apart too, not in the first load.
    let app: Vec<&Sizes> = sizes
        .iter()
        .filter(|s| {
            s.name != "index.html" && try_page_part(&s.name).is_none() && !is_app_piece(&s.name)
        })
        .collect();
    let pieces: Vec<&Sizes> = sizes.iter().filter(|s| is_app_piece(&s.name)).collect();
    if !pieces.is_empty() {
        let total = |f: fn(&Sizes) -> usize| pieces.iter().map(|s| f(s)).sum::<usize>();
        println!(
            "| the app's wasm pieces (on demand: article and entity pages) | {} | {} | {} | not in the first load |",
            kb(total(|s| s.raw)),
            kb(total(|s| s.gzip)),
            kb(total(|s| s.brotli))
        );
    }
    for part in ["app", "worker"] {
        let files: Vec<&Sizes> = sizes
            .iter()
            .filter(|s| try_page_part(&s.name) == Some(part))
            .collect();
        if files.is_empty() {
            continue;
        }
        let total = |f: fn(&Sizes) -> usize| files.iter().map(|s| f(s)).sum::<usize>();
        println!(
            "| the Try it page's {part} (that page only) | {} | {} | {} | not in the app's budget |",
            kb(total(|s| s.raw)),
            kb(total(|s| s.gzip)),
            kb(total(|s| s.brotli))
        );
    }
    // With a start script, the first load is it and the CSS; the app's glue and wasm (and the
    // pieces' loader) come on first use.
    let deferred = app.iter().any(|s| is_start_script(&s.name));
    let (first, on_use): (Vec<&Sizes>, Vec<&Sizes>) = app
        .iter()
        .partition(|s| on_first_load(&s.name, app.iter().map(|s| s.name.as_str())));
    let total =
        |files: &[&Sizes], f: fn(&Sizes) -> usize| files.iter().map(|s| f(s)).sum::<usize>();
    if !on_use.is_empty() {
        println!(
            "| the app: wasm + JS, on the reader's first use of a control | {} | {} | {} | not in the first load |",
            kb(total(&on_use, |s| s.raw)),
            kb(total(&on_use, |s| s.gzip)),
            kb(total(&on_use, |s| s.brotli))
        );
    }
    let brotli_total = total(&first, |s| s.brotli);
    println!(
        "| **first load: {}** | {} | {} | **{}** | ≤ {} {} |",
        if deferred {
            "start script + CSS"
        } else {
            "wasm + JS + CSS"
        },
        kb(total(&first, |s| s.raw)),
        kb(total(&first, |s| s.gzip)),
        kb(brotli_total),
        kb(APP_BUDGET),
        if brotli_total <= APP_BUDGET {
            "(met)"
        } else {
            "(over)"
        }
    );
    Ok(())
}
