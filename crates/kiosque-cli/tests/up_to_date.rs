//! A build with nothing changed since the last build into the same output stops early and
//! leaves the site data as it is (`up_to_date` in `commands/build.rs`). It must never serve a
//! stale site: an input edited, added or removed, a data file edited, removed, added or shared
//! with a backup, another option or another kiosque executable each make the build run, and its
//! site is a clean build's. What it says is what the last build said.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{Project, assert_same_site, messages, settle, stderr, unread_files};

/// What the early stop says (and a build that read the inputs again to find the same articles).
const UP_TO_DATE: &str = "was already up to date and was left as it was";

/// What the early stop alone says: it read no input.
const NOTHING_CHANGED: &str = "nothing changed since the last build";

impl Project {
    /// A project with two inputs, one without a date (a warning each build must say).
    fn with_inputs() -> Project {
        let p = Project::new();
        p.write(
            "in/a.txt",
            "---\ndate: 2025-01-06\n---\nLa Russie a frappé Kiev lundi, a déclaré Volodymyr Zelensky.\n",
        );
        p.write(
            "in/b.txt",
            "La Suisse accueille Olaf Scholz à Berne, a dit Karin Keller-Sutter.\n",
        );
        settle();
        p
    }

    /// `KIOSQUE build in --out site EXTRA` with `kiosque` (the workspace's unless given).
    fn build_with(&self, kiosque: Option<&Path>, extra: &[&str]) -> Output {
        let command = kiosque.map_or_else(common::command, std::process::Command::new);
        let mut args = vec!["build", "in", "--out", "site"];
        args.extend_from_slice(extra);
        self.run(command, self.root(), &args)
    }

    /// The build, which must succeed; whether it stopped early.
    fn built(&self, extra: &[&str]) -> (Output, bool) {
        let output = self.build_with(None, extra);
        assert!(output.status.success(), "{}", stderr(&output));
        let early = stderr(&output).contains(UP_TO_DATE);
        (output, early)
    }

    /// A clean build of `in` into `clean`, compared with `site`.
    fn assert_clean(&self) {
        let clean = self.path("clean");
        let _ = fs::remove_dir_all(&clean);
        let output = common::command()
            .current_dir(self.root())
            .args(["build", "in", "--out", "clean", "--no-cache", "--quiet"])
            .output()
            .expect("kiosque runs");
        assert!(output.status.success(), "{}", stderr(&output));
        assert_same_site(&self.path("site"), &clean);
    }

    /// Builds until the build stops early (the first records the inputs, reading again those
    /// written just before the last build, the second finds them unchanged), and checks that
    /// it did.
    fn settled_build(&self) {
        let _ = self.built(&[]);
        let (output, _) = self.built(&[]);
        assert!(
            stderr(&output).contains(NOTHING_CHANGED),
            "nothing changed: {}",
            stderr(&output)
        );
    }
}

/// The inode of the output directory: a build that runs swaps in a new one.
#[cfg(unix)]
fn tree_inode(dir: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(dir).expect("the site data"))
}

#[cfg(unix)]
#[test]
fn nothing_changed_leaves_the_site_as_it_is_and_says_what_the_last_build_said() {
    let p = Project::with_inputs();
    let (first, early) = p.built(&[]);
    assert!(!early);
    let (again, early) = p.built(&[]);
    assert!(early, "{}", stderr(&again));
    let before = tree_inode(&p.path("site"));
    let (third, early) = p.built(&[]);
    assert!(early, "{}", stderr(&third));
    assert_eq!(
        tree_inode(&p.path("site")),
        before,
        "the site data was left as it was"
    );
    assert_eq!(messages(&third), messages(&first));
    assert_eq!(messages(&third), messages(&again));
    assert!(
        messages(&third)
            .iter()
            .any(|l| l.contains("no publication date")),
        "{}",
        stderr(&third)
    );
    assert_eq!(unread_files(&third), 2, "{}", stderr(&third));
    assert!(
        stderr(&third).contains("with its 2 article(s)"),
        "{}",
        stderr(&third)
    );
    p.assert_clean();
}

/// Files of a kind kiosque does not read, in an input directory, are said once (one warning)
/// and do not stop the early stop; one more of them changes what the build says, so it runs.
#[test]
fn files_of_other_kinds_are_said_and_an_added_one_builds_again() {
    let p = Project::with_inputs();
    p.write("in/notes.docx", "not read");
    settle();
    let (first, _) = p.built(&[]);
    let skipped = "1 file not read, of a kind kiosque does not read (.docx 1)";
    assert!(stderr(&first).contains(skipped), "{}", stderr(&first));
    let (again, early) = p.built(&[]);
    let (again, early) = if early { (again, early) } else { p.built(&[]) };
    assert!(early, "{}", stderr(&again));
    assert_eq!(messages(&again), messages(&first));
    p.write("in/data.csv", "a,b");
    let (output, early) = p.built(&[]);
    assert!(!early, "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("2 files not read, of a kind kiosque does not read (.csv 1, .docx 1)"),
        "{}",
        stderr(&output)
    );
    p.assert_clean();
}

#[test]
fn an_input_edited_added_or_removed_is_built_again() {
    let p = Project::with_inputs();
    p.settled_build();
    p.write(
        "in/a.txt",
        "---\ndate: 2025-01-06\n---\nLe Japon a reçu Emmanuel Macron à Tokyo lundi.\n",
    );
    let (_, early) = p.built(&[]);
    assert!(!early, "an edited input");
    p.assert_clean();
    assert!(
        common::body_json(&p.path("site"), "a")
            .to_string()
            .contains("Tokyo")
    );

    settle();
    p.settled_build();
    p.write(
        "in/c.txt",
        "---\ndate: 2025-01-07\n---\nLa Norvège a vu Oslo sous la neige.\n",
    );
    let (_, early) = p.built(&[]);
    assert!(!early, "an added input");
    p.assert_clean();
    assert_eq!(common::article_ids(&p.path("site")).len(), 3);

    settle();
    p.settled_build();
    fs::remove_file(p.path("in/c.txt")).expect("removed");
    let (_, early) = p.built(&[]);
    assert!(!early, "a removed input");
    p.assert_clean();
    assert_eq!(common::article_ids(&p.path("site")).len(), 2);
}

#[test]
fn a_data_file_edited_removed_added_or_shared_is_built_again() {
    let p = Project::with_inputs();
    let site = p.path("site");
    type Change = fn(&Path);
    let changes: [(&str, Change); 4] = [
        ("site.json edited", |site| {
            let text = fs::read_to_string(site.join("site.json")).expect("read");
            fs::write(site.join("site.json"), text.replacen('e', "x", 1)).expect("write");
        }),
        ("a body file removed", |site| {
            let body = fs::read_dir(site.join("bodies"))
                .expect("bodies")
                .next()
                .expect("a body file")
                .expect("entry")
                .path();
            fs::remove_file(body).expect("removed");
        }),
        ("the manifest edited", |site| {
            let manifest = site.join("kiosque-manifest.txt");
            let text = fs::read_to_string(&manifest).expect("read");
            fs::write(&manifest, text + "# mine\n").expect("write");
        }),
        ("a body file shared with a backup", |site| {
            let body = fs::read_dir(site.join("bodies"))
                .expect("bodies")
                .next()
                .expect("a body file")
                .expect("entry")
                .path();
            let backup = site.parent().expect("a parent").join("backup.json");
            let _ = fs::remove_file(&backup);
            fs::hard_link(body, backup).expect("linked");
        }),
    ];
    p.settled_build();
    for (what, change) in changes {
        change(&site);
        let (output, early) = p.built(&[]);
        assert!(!early, "{what}: {}", stderr(&output));
        p.assert_clean();
        let _ = fs::remove_file(p.path("backup.json"));
        let (output, early) = p.built(&[]);
        assert!(early, "{what}, then nothing: {}", stderr(&output));
    }

    // A file kiosque did not write: refused as without the early stop, and left there.
    fs::write(site.join("notes.txt"), "mine").expect("write");
    let refused = p.build_with(None, &[]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(site.join("notes.txt").is_file());
}

#[test]
fn another_option_or_another_kiosque_builds_again() {
    let p = Project::with_inputs();
    p.settled_build();
    // Another size limit: every input read again (their articles the same, the site data is
    // left as it was).
    let (output, _) = p.built(&["--max-article-size", "1MiB"]);
    assert!(
        !stderr(&output).contains(NOTHING_CHANGED),
        "another size limit"
    );
    assert_eq!(unread_files(&output), 0, "{}", stderr(&output));
    p.settled_build_again();

    // The same version, built again (another executable): it runs, then stops early itself.
    let copy = p.path("kiosque-copy");
    fs::copy(env!("CARGO_BIN_EXE_kiosque"), &copy).expect("copied");
    for expected in [false, true] {
        let output = p.build_with(Some(&copy), &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            stderr(&output).contains(UP_TO_DATE),
            expected,
            "{}",
            stderr(&output)
        );
    }
    let (_, early) = p.built(&[]);
    assert!(!early, "back to the first executable");
    p.assert_clean();
}

#[cfg(unix)]
#[test]
fn a_quiet_build_then_one_that_speaks_runs_to_say_its_warnings() {
    let p = Project::with_inputs();
    let (quiet, _) = p.built(&["--quiet"]);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
    // Quiet, it stops early too (it has nothing to say).
    let before = tree_inode(&p.path("site"));
    let (quiet, _) = p.built(&["--quiet"]);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
    assert_eq!(tree_inode(&p.path("site")), before);
    // The quiet build's warnings are not known: this one runs, and says them.
    let (loud, early) = p.built(&[]);
    assert!(!early);
    assert!(
        messages(&loud)
            .iter()
            .any(|l| l.contains("no publication date")),
        "{}",
        stderr(&loud)
    );
    let (_, early) = p.built(&[]);
    assert!(early);
}

impl Project {
    /// After a build with other options: the next one with the defaults runs, the one after
    /// stops early.
    fn settled_build_again(&self) {
        let (output, _) = self.built(&[]);
        assert!(
            !stderr(&output).contains(NOTHING_CHANGED),
            "back to the default options"
        );
        let (output, _) = self.built(&[]);
        assert!(
            stderr(&output).contains(NOTHING_CHANGED),
            "{}",
            stderr(&output)
        );
    }
}

/// An input file written again with the same articles (a scraper's run that found nothing new)
/// is read again, its times having changed, but nothing is built: the articles are those the
/// site data was made of, which is left as it is, and the build says what the last one said.
/// It tells so from the articles' keys, before any analysis: it does not read the analyses cache
/// (at 100,000 articles, decoding it was most of such a build), so a damaged cache is not even
/// noticed. The next build stops before reading it.
#[cfg(unix)]
#[test]
fn an_input_written_again_with_the_same_articles_is_read_but_not_built_again() {
    let p = Project::with_inputs();
    p.settled_build();
    let (first, _) = p.built(&[]);
    let before = tree_inode(&p.path("site"));
    let a = p.path("in/a.txt");
    let text = fs::read_to_string(&a).expect("read");
    fs::write(&a, &text).expect("write");
    let caches: Vec<_> = fs::read_dir(p.path("cache/builds"))
        .expect("the analyses caches")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert!(!caches.is_empty(), "no analyses cache");
    for cache in &caches {
        fs::write(cache, b"not an analyses cache").expect("write");
    }
    let (output, early) = p.built(&[]);
    let err = stderr(&output);
    assert!(early, "{err}");
    assert!(
        err.contains("the articles read are those of the last build"),
        "{err}"
    );
    assert!(
        err.contains(
            "2 article(s) as the last build had them (1 input file(s) unchanged since the last build, not read): none analysed"
        ),
        "{err}"
    );
    for cache in &caches {
        assert_eq!(
            fs::read(cache).expect("read"),
            b"not an analyses cache",
            "{err}"
        );
    }
    assert_eq!(
        tree_inode(&p.path("site")),
        before,
        "the site data was left as it was"
    );
    assert_eq!(messages(&output), messages(&first));
    // Its new times recorded: the next build, once they are settled, reads nothing.
    settle();
    let _ = p.built(&[]);
    let (output, early) = p.built(&[]);
    assert!(early, "{}", stderr(&output));
    assert_eq!(unread_files(&output), 2, "{}", stderr(&output));
    // The same file with another article: built.
    fs::write(&a, text.replace("lundi", "mardi")).expect("write");
    let (output, early) = p.built(&[]);
    assert!(!early, "{}", stderr(&output));
    assert_ne!(tree_inode(&p.path("site")), before);
    p.assert_clean();
}
