//! Writing the site data directory, atomically: the new data is written beside the old and
//! swapped in only when complete, so a failed run leaves the previous data intact.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::site::Site;

/// Why the site data could not be written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output exists and does not look like Kiosque data: refuse to replace it.
    #[error(
        "{0} exists and is not Kiosque site data (no index.json); refusing to replace it. Choose an empty or new directory"
    )]
    NotSiteData(PathBuf),
    /// An I/O error on a path.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// Serialisation failed (a bug).
    #[error("could not serialise the site data: {0}")]
    Json(#[from] serde_json::Error),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `site` to `out` (`index.json` and `articles/<id>.json`), replacing what was there.
pub fn write_site(out: &Path, site: &Site) -> Result<(), OutputError> {
    if out.exists() {
        let is_empty_dir =
            out.is_dir() && fs::read_dir(out).map_err(io_error(out))?.next().is_none();
        if !is_empty_dir && !out.join("index.json").is_file() {
            return Err(OutputError::NotSiteData(out.to_path_buf()));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "data".to_owned(), |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));

    let written = write_tree(&tmp, site);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        fs::rename(out, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            io_error(out)(e)
        })?;
    }
    if let Err(e) = fs::rename(&tmp, out) {
        // Put the previous data back.
        if old.exists() {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(io_error(out)(e));
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_error(&old))?;
    }
    Ok(())
}

fn write_tree(dir: &Path, site: &Site) -> Result<(), OutputError> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(io_error(dir))?;
    }
    let articles = dir.join("articles");
    fs::create_dir_all(&articles).map_err(io_error(&articles))?;
    let index = dir.join("index.json");
    fs::write(&index, to_json(&site.index)?).map_err(io_error(&index))?;
    for body in &site.bodies {
        let path = articles.join(format!("{}.json", body.id));
        fs::write(&path, to_json(body)?).map_err(io_error(&path))?;
    }
    Ok(())
}

/// Compact JSON with a final newline.
fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, OutputError> {
    let mut bytes = serde_json::to_vec(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}
