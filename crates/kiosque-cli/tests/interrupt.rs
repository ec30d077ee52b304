//! Fault injection: `kiosque build` is killed (SIGKILL) at every step of writing its output and
//! at seeded random moments of whole builds. After each kill the output directory is exactly the
//! previous complete site or the new complete site (or, with the two-rename swap killed between
//! its renames, missing with both complete trees beside it); the next run restores it and leaves
//! no leftovers.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{build, stderr};

/// A site as bytes: every file by its path relative to the site directory.
type Site = BTreeMap<PathBuf, Vec<u8>>;

fn snapshot(dir: &Path) -> Option<Site> {
    dir.exists().then(|| common::tree(dir))
}

/// A corpus of `n` small articles; `edition` changes some titles and which articles are in it,
/// so that two editions give two different sites.
fn corpus(dir: &Path, n: usize, edition: usize) {
    let places = [
        "Paris", "Lyon", "Kyiv", "Moscou", "Berlin", "Genève", "Madrid", "Rome",
    ];
    let people = [
        "Emmanuel Macron",
        "Olaf Scholz",
        "Volodymyr Zelensky",
        "Giorgia Meloni",
    ];
    fs::create_dir_all(dir).expect("mkdir");
    for i in (0..n).filter(|i| !(i + edition).is_multiple_of(10)) {
        let (place, person) = (places[i % places.len()], people[i % people.len()]);
        let title = if i % 3 == edition % 3 {
            format!("Édition {edition}, {person} à {place} ({i})")
        } else {
            format!("{person} à {place} ({i})")
        };
        let body: String = (0..5)
            .map(|j| {
                format!(
                    "{person} s’est rendu à {place} le {} janvier 2025 pour rencontrer des représentants de l’ONU. La réunion {} a porté sur l’économie.\n",
                    1 + (i + j) % 28,
                    i * 7 + j
                )
            })
            .collect();
        fs::write(
            dir.join(format!("a{i:04}.txt")),
            format!(
                "---\ntitle: {title}\ndate: 2025-01-{:02}\n---\n{body}",
                1 + i % 28
            ),
        )
        .expect("write");
    }
}

/// A small deterministic generator (xorshift), so that the "random" kills are the same on
/// every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A build in progress, killed when dropped (so a failing test leaves no process behind).
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Running {
    fn start(input: &Path, out: &Path, env: &[(&str, &str)]) -> Running {
        let mut command = common::command();
        command
            .args(["build", "--quiet", "--out"])
            .arg(out)
            .arg(input)
            .env_remove("KIOSQUE_TEST_PAUSE_AT")
            .env_remove("KIOSQUE_TEST_SWAP")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("kiosque starts");
        let stderr = child.stderr.take().expect("piped");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Running { child, lines }
    }

    /// Waits until the build says it paused at `point`.
    fn wait_for_pause(&mut self, point: &str) {
        let wanted = format!("kiosque: paused at {point}");
        self.wait_for(&wanted);
    }

    /// Waits until the build prints a line that starts with `wanted`.
    fn wait_for(&mut self, wanted: &str) {
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(300);
        while Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_millis(200)) {
                Ok(line) if line.starts_with(wanted) => return,
                Ok(line) => seen.push(line),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!("the build never said {wanted:?}; it said: {seen:?}");
    }

    /// Waits for the build to end; whether it succeeded.
    fn finish(mut self) -> bool {
        self.child.wait().expect("ends").success()
    }

    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }

    fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The entries beside the output other than the output itself.
fn leftovers(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site)
        .expect("listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data")
        .collect();
    names.sort();
    names
}

struct Fixture {
    _dir: tempfile::TempDir,
    corpora: [PathBuf; 2],
    sites: [Site; 2],
    site: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpora = [dir.path().join("edition-0"), dir.path().join("edition-1")];
    let mut sites = Vec::new();
    for (edition, corpus_dir) in corpora.iter().enumerate() {
        corpus(corpus_dir, 150, edition);
        let reference = dir.path().join(format!("reference-{edition}"));
        let result = build(&[corpus_dir], &reference);
        assert!(result.status.success(), "{}", stderr(&result));
        sites.push(snapshot(&reference).expect("built"));
    }
    assert_ne!(sites[0], sites[1], "the two editions give different sites");
    let site = dir.path().join("site");
    let data = site.join("data");
    let result = build(&[&corpora[0]], &data);
    assert!(result.status.success(), "{}", stderr(&result));
    Fixture {
        corpora,
        sites: [sites.remove(0), sites.remove(0)],
        site,
        data,
        _dir: dir,
    }
}

impl Fixture {
    /// Which edition's site the output is, if it is exactly one of them.
    fn edition(&self) -> Option<usize> {
        let now = snapshot(&self.data)?;
        self.sites.iter().position(|s| *s == now)
    }

    fn describe(&self) -> String {
        match snapshot(&self.data) {
            None => "missing".to_owned(),
            Some(now) => format!(
                "{} files, neither edition; beside it: {:?}",
                now.len(),
                leftovers(&self.site)
            ),
        }
    }
}

/// Kills a build at each named step of writing, with the one-step exchange and with the
/// two-rename swap; then the next run repairs and cleans.
#[test]
fn killed_at_every_step_of_writing_the_output_is_the_old_or_the_new_site() {
    let f = fixture();
    let mut current = 0; // the edition the output holds
    let steps = [
        ("exchange", "write"),
        ("exchange", "commit"),
        ("exchange", "swap"),
        ("exchange", "cleanup"),
        // Half-way through removing the previous tree: its files gone, its directories and
        // manifest still there.
        ("exchange", "remove-half"),
        ("rename", "write"),
        ("rename", "swap"),
        ("rename", "cleanup"),
        ("rename", "remove-half"),
        // Last: it leaves no output, which the next run repairs.
        ("rename", "swap-half"),
    ];
    let mut missing = false;
    for (swap, point) in steps {
        let target = 1 - current;
        let mut env = vec![("KIOSQUE_TEST_PAUSE_AT", point)];
        if swap == "rename" {
            env.push(("KIOSQUE_TEST_SWAP", "rename"));
        }
        let mut running = Running::start(&f.corpora[target], &f.data, &env);
        running.wait_for_pause(point);
        // Paused after its own repair: nothing left of earlier kills but what this run made.
        let pid = running.id().to_string();
        for name in leftovers(&f.site) {
            assert!(
                name.ends_with(&format!("-{pid}")),
                "{swap}/{point}: {name} was left by an earlier kill"
            );
        }
        if missing {
            assert!(f.edition().is_some(), "{swap}/{point}: not restored");
        }
        running.kill();
        match f.edition() {
            Some(e) => {
                assert!(e == current || e == target, "{swap}/{point}: edition {e}");
                let expected = if matches!(point, "cleanup" | "remove-half") {
                    target
                } else {
                    current
                };
                assert_eq!(e, expected, "{swap}/{point}");
                current = e;
                missing = false;
            }
            None if point == "swap-half" && !f.data.exists() => missing = true,
            None => panic!("{swap}/{point}: the output is {}", f.describe()),
        }
    }
    // Killed between the two renames: no output, both complete trees beside it. A build that
    // fails (no input) still repairs and cleans before it stops: the new site was complete, so
    // it is the one put in place.
    assert!(missing, "the last kill left no output: {}", f.describe());
    let result = build(&[&f.site.join("no-such-input")], &f.data);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("restored it from"),
        "{}",
        stderr(&result)
    );
    assert_eq!(f.edition(), Some(1 - current), "{}", f.describe());
    assert_eq!(leftovers(&f.site), Vec::<String>::new());

    // Two builds at once take turns: the second waits while the first writes (it never takes
    // the first one's tree for a leftover), then, the first one killed, writes its site and
    // leaves nothing else.
    let mut first = Running::start(
        &f.corpora[1 - current],
        &f.data,
        &[("KIOSQUE_TEST_PAUSE_AT", "swap")],
    );
    first.wait_for_pause("swap");
    let first_tree = format!(".data.new-{}", first.id());
    let mut second = Running::start(&f.corpora[current], &f.data, &[]);
    second.wait_for("waiting for another kiosque run");
    assert_eq!(leftovers(&f.site), [first_tree]);
    first.kill();
    assert!(second.finish(), "the second build failed");
    assert_eq!(f.edition(), Some(current));
    assert_eq!(leftovers(&f.site), Vec::<String>::new());
}

/// Kills whole builds at seeded random moments (reading, analysing, writing, swapping).
#[test]
fn killed_at_random_moments_the_output_is_always_a_complete_site() {
    let f = fixture();
    // How long a build takes here: the kills are spread over it (the assertion holds at any
    // moment, so the timing only decides which step is hit).
    let started = Instant::now();
    let result = build(&[&f.corpora[1]], &f.data);
    assert!(result.status.success(), "{}", stderr(&result));
    let span = started.elapsed().as_millis() as u64 + 1;
    let mut current = Some(1);
    let mut random = Seeded(0x6b69_6f73_7175_6506);
    for trial in 0..6 {
        let target = current.map_or(0, |c| 1 - c);
        let swap = if trial % 2 == 0 { "exchange" } else { "rename" };
        let env: Vec<(&str, &str)> = if swap == "rename" {
            vec![("KIOSQUE_TEST_SWAP", "rename")]
        } else {
            vec![]
        };
        let delay = Duration::from_millis(random.next() % (span * 6 / 5));
        let running = Running::start(&f.corpora[target], &f.data, &env);
        std::thread::sleep(delay);
        running.kill();
        current = match f.edition() {
            Some(e) => {
                assert!(
                    current.is_none_or(|c| e == c) || e == target,
                    "trial {trial}: edition {e}"
                );
                Some(e)
            }
            // Between the two renames: the next run restores one of the two.
            None if swap == "rename" && !f.data.exists() => None,
            None => panic!("trial {trial} ({swap}, {delay:?}): {}", f.describe()),
        };
    }
    let result = build(&[&f.corpora[0]], &f.data);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(f.edition(), Some(0));
    assert_eq!(leftovers(&f.site), Vec::<String>::new());
}
