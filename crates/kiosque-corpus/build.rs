//! The extractor's fingerprint: a hash of every source and data file that decides what an
//! article's analysis is (the extractor, the data contract, this crate) and of Cargo.lock (the
//! versions of the crates they use). Analyses files written by a kiosque with another
//! fingerprint are not reused: a cache never outlives a change of the code that made it.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let roots = [
        manifest.join("src"),
        manifest.join("../kiosque-extract/src"),
        manifest.join("../kiosque-extract/data"),
        manifest.join("../kiosque-extract/Cargo.toml"),
        manifest.join("../kiosque-model/src"),
        manifest.join("../kiosque-model/Cargo.toml"),
        manifest.join("../../Cargo.lock"),
    ];
    let mut files = Vec::new();
    for root in &roots {
        println!("cargo::rerun-if-changed={}", root.display());
        collect(root, &mut files);
    }
    // Paths are hashed relative to the workspace, so that the fingerprint does not depend on
    // where the sources are.
    let workspace = manifest
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| manifest.clone());
    let mut files: Vec<PathBuf> = files
        .iter()
        .map(|f| f.canonicalize().unwrap_or_else(|_| f.clone()))
        .collect();
    files.sort();
    // FNV-1a, 64 bits, over each file's path (relative to the workspace) and bytes.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in &files {
        let relative = file.strip_prefix(&workspace).unwrap_or(file);
        feed(relative.to_string_lossy().as_bytes());
        feed(&[0]);
        feed(&std::fs::read(file).unwrap_or_default());
        feed(&[0]);
    }
    println!(
        "cargo::rustc-env=KIOSQUE_EXTRACTOR_FINGERPRINT={}-{hash:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default()
    );
}

/// Every file under `path` (or `path` itself), skipping what is missing.
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            collect(&entry.path(), files);
        }
    } else if path.is_file() {
        files.push(path.to_path_buf());
    }
}
