//! A plain static file server for the browser tests, with faults that a test can switch on and
//! off per path: an error status, other bytes than the file's, a transfer cut in the middle, or
//! an answer held back until the test releases it.
//!
//! Without faults it behaves like a static host (nginx, Python's `http.server`): files as they
//! are on disk, `index.html` for a directory, a redirect to add the missing `/` of a directory,
//! and 404 for anything else (no SPA fallback, no directory listing). It sends `Last-Modified`
//! and `ETag` and answers conditional requests with 304, and sends no `Cache-Control`: browsers
//! then cache by heuristic, as they do on such hosts. One request per connection.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// What the server does instead of serving a path normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answers with this status and a short HTML body.
    Status(u16),
    /// Answers 200 with these bytes instead of the file's (a malformed or foreign file).
    Body(Vec<u8>),
    /// Announces the file's full length, sends the first half, and closes the connection: a
    /// transfer interrupted in the middle.
    Cut,
    /// Holds the answer until the fault is removed (see [`Server::clear`]), then serves the
    /// path as it is then: a slow server, without a timed delay.
    Hold,
    /// Answers 200 with these bytes (an old copy) to requests that accept a cached answer, and
    /// serves the file to those that ask for a fresh one (`Cache-Control: no-cache`, as
    /// `fetch`'s `cache: "reload"` sends): a cache between browser and host that ignores the
    /// query of a URL.
    Stale(Vec<u8>),
}

struct State {
    root: PathBuf,
    faults: Mutex<HashMap<String, Fault>>,
    /// Notified when the faults change or the server stops.
    changed: Condvar,
    stopping: AtomicBool,
    /// Requests received, per decoded path.
    hits: Mutex<HashMap<String, usize>>,
}

impl State {
    fn faults(&self) -> MutexGuard<'_, HashMap<String, Fault>> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn hits(&self) -> MutexGuard<'_, HashMap<String, usize>> {
        self.hits.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The server, on a free port of 127.0.0.1; stops when dropped.
pub struct Server {
    port: u16,
    state: Arc<State>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves the files under `root`.
    pub fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port for the server");
        let port = listener.local_addr().expect("a bound address").port();
        let state = Arc::new(State {
            root: root.to_owned(),
            faults: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            hits: Mutex::new(HashMap::new()),
        });
        let accept_state = Arc::clone(&state);
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_state.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&accept_state);
                std::thread::spawn(move || {
                    // A browser's spare connection may never send a request.
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                    let _ = handle(&state, stream);
                });
            }
        });
        Server {
            port,
            state,
            accept: Some(accept),
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves `path` (as requested, e.g. `/data/index.json`, without the query) with `fault`
    /// from now on.
    pub fn set(&self, path: &str, fault: Fault) {
        self.state.faults().insert(path.to_owned(), fault);
        self.state.changed.notify_all();
    }

    /// Serves `path` normally again; answers held on it go out now.
    pub fn clear(&self, path: &str) {
        self.state.faults().remove(path);
        self.state.changed.notify_all();
    }

    /// Serves each of `paths` with `fault` from now on ([`Server::set`]).
    pub fn set_each(&self, paths: &[String], fault: &Fault) {
        for path in paths {
            self.set(path, fault.clone());
        }
    }

    /// Serves each of `paths` normally again ([`Server::clear`]).
    pub fn clear_each(&self, paths: &[String]) {
        for path in paths {
            self.clear(path);
        }
    }

    /// How many requests for `path` have arrived (held ones included).
    pub fn hits(&self, path: &str) -> usize {
        self.state.hits().get(path).copied().unwrap_or(0)
    }

    /// The paths requested so far that start with `prefix`, sorted.
    pub fn requested(&self, prefix: &str) -> Vec<String> {
        let mut paths: Vec<String> = self
            .state
            .hits()
            .keys()
            .filter(|p| p.starts_with(prefix))
            .cloned()
            .collect();
        paths.sort();
        paths
    }

    /// Waits until at least `count` requests for `path` have arrived.
    pub fn wait_for_hits(&self, path: &str, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.hits(path) < count {
            assert!(
                Instant::now() < deadline,
                "{path} was not requested ({} of {count} requests arrived)",
                self.hits(path)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stopping.store(true, Ordering::SeqCst);
        self.state.changed.notify_all();
        // Wakes the accept loop so that it sees `stopping`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

struct Request {
    head: bool,
    /// The decoded path, `None` if it is not valid percent-encoded UTF-8.
    path: Option<String>,
    /// The raw query, with its `?`, or empty.
    query: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    /// Whether it asks for a fresh answer (`Cache-Control: no-cache`).
    no_cache: bool,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream.take(64 * 1024));
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut words = line.split_whitespace();
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return Ok(None);
    };
    let head = method == "HEAD";
    if !head && method != "GET" {
        return Ok(None);
    }
    let target = target.split('#').next().unwrap_or_default();
    let (raw_path, query) = match target.find('?') {
        Some(i) => (&target[..i], target[i..].to_owned()),
        None => (target, String::new()),
    };
    let mut request = Request {
        head,
        path: percent_decode(raw_path),
        query,
        if_none_match: None,
        if_modified_since: None,
        no_cache: false,
    };
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = Some(value.trim().to_owned());
            match name.trim().to_ascii_lowercase().as_str() {
                "if-none-match" => request.if_none_match = value,
                "if-modified-since" => request.if_modified_since = value,
                "cache-control" => {
                    request.no_cache = value.is_some_and(|v| v.contains("no-cache"));
                }
                _ => {}
            }
        }
    }
    Ok(Some(request))
}

fn percent_decode(raw: &str) -> Option<String> {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(String::from)
}

fn handle(state: &State, mut stream: TcpStream) -> std::io::Result<()> {
    let Some(request) = read_request(&stream)? else {
        return respond(&mut stream, false, 400, &[], b"<h1>400 Bad Request</h1>");
    };
    let Some(path) = request.path.clone() else {
        return respond(
            &mut stream,
            request.head,
            400,
            &[],
            b"<h1>400 Bad Request</h1>",
        );
    };
    *state.hits().entry(path.clone()).or_default() += 1;
    let fault = {
        let mut faults = state.faults();
        loop {
            match faults.get(&path) {
                Some(Fault::Hold) if !state.stopping.load(Ordering::SeqCst) => {
                    faults = state
                        .changed
                        .wait(faults)
                        .unwrap_or_else(|e| e.into_inner());
                }
                Some(Fault::Hold) => return Ok(()),
                other => break other.cloned(),
            }
        }
    };
    match fault {
        Some(Fault::Status(status)) => {
            let body = format!("<h1>{status} {}</h1>", reason(status));
            respond(&mut stream, request.head, status, &[], body.as_bytes())
        }
        Some(Fault::Stale(body)) if !request.no_cache => respond(
            &mut stream,
            request.head,
            200,
            &[("Content-Type", content_type(&path).to_owned())],
            &body,
        ),
        Some(Fault::Body(body)) => respond(
            &mut stream,
            request.head,
            200,
            &[("Content-Type", content_type(&path).to_owned())],
            &body,
        ),
        Some(Fault::Cut) => match std::fs::read(file_for(&state.root, &path)) {
            Ok(bytes) => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    content_type(&path),
                    bytes.len()
                );
                stream.write_all(head.as_bytes())?;
                stream.write_all(&bytes[..bytes.len() / 2])?;
                stream.flush()?;
                stream.shutdown(Shutdown::Both)
            }
            Err(_) => respond(
                &mut stream,
                request.head,
                404,
                &[],
                b"<h1>404 Not Found</h1>",
            ),
        },
        Some(Fault::Hold | Fault::Stale(_)) | None => {
            serve_file(state, &mut stream, &request, &path)
        }
    }
}

/// The file a URL path names under `root`, or a path that does not exist for `..` and the like.
fn file_for(root: &Path, path: &str) -> PathBuf {
    let mut file = root.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0']) {
            return root.join("\0");
        }
        file.push(segment);
    }
    file
}

fn serve_file(
    state: &State,
    stream: &mut TcpStream,
    request: &Request,
    path: &str,
) -> std::io::Result<()> {
    let mut file = file_for(&state.root, path);
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/{}", request.query);
            return respond(
                stream,
                request.head,
                301,
                &[("Location", location)],
                b"<h1>301 Moved Permanently</h1>",
            );
        }
        file.push("index.html");
    }
    let (Ok(bytes), Ok(meta)) = (std::fs::read(&file), std::fs::metadata(&file)) else {
        return respond(stream, request.head, 404, &[], b"<h1>404 Not Found</h1>");
    };
    let modified = meta.modified().unwrap_or(UNIX_EPOCH);
    let since_epoch = modified.duration_since(UNIX_EPOCH).unwrap_or_default();
    let etag = format!("\"{:x}-{:x}\"", since_epoch.as_nanos(), bytes.len());
    let last_modified = http_date(modified);
    let not_modified = match (&request.if_none_match, &request.if_modified_since) {
        (Some(tags), _) => tags.split(',').any(|t| t.trim() == etag),
        (None, Some(since)) => *since == last_modified,
        (None, None) => false,
    };
    let mut headers = vec![("ETag", etag), ("Last-Modified", last_modified)];
    if not_modified {
        return respond(stream, true, 304, &headers, b"");
    }
    headers.push((
        "Content-Type",
        content_type(&file.to_string_lossy()).to_owned(),
    ));
    respond(stream, request.head, 200, &headers, &bytes)
}

fn respond(
    stream: &mut TcpStream,
    head_only: bool,
    status: u16,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nDate: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        http_date(SystemTime::now()),
        body.len()
    );
    if !headers.iter().any(|(name, _)| *name == "Content-Type") && status != 304 {
        out.push_str("Content-Type: text/html; charset=utf-8\r\n");
    }
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match extension {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// An HTTP date (RFC 9110 IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(time)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends a raw GET and returns the status line, the headers (lowercased names) and the body.
    fn get(server: &Server, path: &str, extra: &str) -> (String, HashMap<String, String>, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port())).expect("connect");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n").expect("send");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&answer[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines.next().unwrap_or_default().to_owned();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        (status, headers, answer[split + 4..].to_vec())
    }

    fn site() -> (tempfile::TempDir, Server) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("data")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("article/a")).expect("mkdir");
        std::fs::write(dir.path().join("data/index.json"), b"{\"a\": 1}").expect("write");
        std::fs::write(dir.path().join("article/a/index.html"), b"<p>a</p>").expect("write");
        let server = Server::start(dir.path());
        (dir, server)
    }

    #[test]
    fn without_faults_it_is_a_plain_static_server() {
        let (_dir, server) = site();
        let (status, headers, body) = get(&server, "/data/index.json", "");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert_eq!(body, b"{\"a\": 1}");
        assert_eq!(headers["content-type"], "application/json");
        assert!(headers.contains_key("last-modified"));
        let etag = &headers["etag"];
        let (status, _, body) = get(
            &server,
            "/data/index.json",
            &format!("If-None-Match: {etag}\r\n"),
        );
        assert_eq!(status, "HTTP/1.1 304 Not Modified");
        assert!(body.is_empty());

        let (status, _, body) = get(&server, "/article/a/", "");
        assert_eq!(
            (status.as_str(), body.as_slice()),
            ("HTTP/1.1 200 OK", &b"<p>a</p>"[..])
        );
        let (status, headers, _) = get(&server, "/article/a?x=1", "");
        assert_eq!(status, "HTTP/1.1 301 Moved Permanently");
        assert_eq!(headers["location"], "/article/a/?x=1");
        // No SPA fallback, no listing, nothing outside the root.
        for missing in [
            "/article/b/",
            "/nothing.json",
            "/data/",
            "/data/../../etc/passwd",
            "/%2e%2e/x",
        ] {
            let (status, _, _) = get(&server, missing, "");
            assert_eq!(status, "HTTP/1.1 404 Not Found", "{missing}");
        }
        assert_eq!(server.hits("/data/index.json"), 2);
    }

    #[test]
    fn faults_apply_to_their_path_until_cleared() {
        let (_dir, server) = site();
        server.set("/data/index.json", Fault::Status(404));
        assert_eq!(
            get(&server, "/data/index.json", "").0,
            "HTTP/1.1 404 Not Found"
        );
        assert_eq!(get(&server, "/article/a/", "").0, "HTTP/1.1 200 OK");

        server.set("/data/index.json", Fault::Body(b"{".to_vec()));
        assert_eq!(get(&server, "/data/index.json", "").2, b"{");

        // An old copy for requests that take a cached answer, the file for those that don't.
        server.set("/data/index.json", Fault::Stale(b"old".to_vec()));
        assert_eq!(get(&server, "/data/index.json", "").2, b"old");
        assert_eq!(
            get(&server, "/data/index.json", "Cache-Control: no-cache\r\n").2,
            b"{\"a\": 1}"
        );

        server.set("/data/index.json", Fault::Cut);
        let (status, headers, body) = get(&server, "/data/index.json", "");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert_eq!(headers["content-length"], "8");
        assert_eq!(body, b"{\"a\"");

        server.set("/data/index.json", Fault::Hold);
        let port = server.port();
        let held = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            stream
                .write_all(b"GET /data/index.json HTTP/1.1\r\n\r\n")
                .expect("send");
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
            answer
        });
        server.wait_for_hits("/data/index.json", 6);
        assert!(!held.is_finished(), "a held answer waits for the test");
        server.clear("/data/index.json");
        let answer = held.join().expect("the held request ends");
        assert!(answer.starts_with(b"HTTP/1.1 200 OK") && answer.ends_with(b"{\"a\": 1}"));
    }

    #[test]
    fn http_dates_are_imf_fixdates() {
        assert_eq!(
            http_date(UNIX_EPOCH + Duration::from_secs(784_111_777)),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        assert_eq!(
            http_date(UNIX_EPOCH + Duration::from_secs(1_709_164_800)),
            "Thu, 29 Feb 2024 00:00:00 GMT"
        );
    }
}
