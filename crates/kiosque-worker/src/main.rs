//! The extraction worker: Trunk builds it for the browser (index.html, `data-type="worker"`),
//! and the app's Try it page starts it. Each message is a request, `[text, format, file name]`;
//! the answer is the article as a site's files, `[milliseconds, error, site.json, body file]`
//! (see `browser::reply`). The worker first posts an empty string: it is ready (messages sent
//! before its wasm is loaded would be lost). Natively, it extracts a file given as its argument
//! (or standard input, as plain text) and prints the `Extracted` JSON: the worker's own
//! entry, run without a browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    browser::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::io::Read;

    use kiosque_model::worker::{Format, Request};

    let path = std::env::args().nth(1);
    let (text, format) = match &path {
        Some(path) => (std::fs::read_to_string(path), Format::of_file_name(path)),
        None => {
            let mut text = String::new();
            (
                std::io::stdin().read_to_string(&mut text).map(|_| text),
                Format::Text,
            )
        }
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "kiosque-worker: cannot read {}: {e}",
                path.as_deref().unwrap_or("standard input")
            );
            return std::process::ExitCode::from(2);
        }
    };
    let file_name = path.as_deref().map(|p| {
        std::path::Path::new(p)
            .file_name()
            .map_or_else(|| p.to_owned(), |n| n.to_string_lossy().into_owned())
    });
    match kiosque_worker::extract(&Request {
        text,
        format,
        file_name,
    }) {
        Ok(extracted) => match serde_json::to_string(&extracted) {
            Ok(json) => {
                println!("{json}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("kiosque-worker: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("kiosque-worker: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use kiosque_model::worker::{Format, Request};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Listens for requests, then says it is ready.
    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let answer = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = reply(&answer, &event.data());
            // Nothing to tell if posting fails: the page is gone.
            let _ = answer.post_message(&reply);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str(""));
    }

    /// The request a message holds: `[text, format, file name]` (`"text"`, `"markdown"` or
    /// `"html"`; the name a string or nothing), as the Try it page sends it.
    fn request(message: &JsValue) -> Option<Request> {
        let message: &js_sys::Array = message.dyn_ref()?;
        let format = match message.get(1).as_string()?.as_str() {
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            _ => Format::Text,
        };
        Some(Request {
            text: message.get(0).as_string()?,
            format,
            file_name: message.get(2).as_string(),
        })
    }

    /// The answer to one message: `[milliseconds, why there is no article or null, site.json,
    /// the body file]` (see [`kiosque_worker::files`]): plain strings, so that the page reads
    /// them with the readers the app has for a site's files.
    fn reply(scope: &DedicatedWorkerGlobalScope, message: &JsValue) -> js_sys::Array {
        let now = || scope.performance().map_or(0.0, |p| p.now());
        let started = now();
        let result = request(message)
            .ok_or_else(|| "The page sent a request the worker does not read.".to_owned())
            .and_then(|request| kiosque_worker::extract(&request));
        let (error, site, bucket) = match result {
            Ok(extracted) => {
                let (site, bucket) = kiosque_worker::files(&extracted);
                (JsValue::NULL, site, bucket)
            }
            Err(message) => (JsValue::from_str(&message), String::new(), String::new()),
        };
        let reply = js_sys::Array::of2(&JsValue::from_f64(now() - started), &error);
        reply.push(&JsValue::from_str(&site));
        reply.push(&JsValue::from_str(&bucket));
        reply
    }
}
