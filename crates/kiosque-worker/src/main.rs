//! The extraction worker: Trunk builds it for the browser (index.html, `data-type="worker"`),
//! and the app's Try it page starts it. Each message is a [`Request`] as JSON; the answer is a
//! [`Reply`] as JSON. The worker first posts an empty string: it is ready (messages sent
//! before its wasm is loaded would be lost). Natively, it extracts a file given as its argument
//! (or standard input, as plain text) and prints the [`Extracted`] JSON: the worker's own
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
    use kiosque_model::worker::{Reply, Request};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Listens for requests, then says it is ready.
    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let answer = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = reply(&answer, event.data().as_string().unwrap_or_default());
            // Nothing to tell if posting fails: the page is gone.
            let _ = answer.post_message(&JsValue::from_str(&reply));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str(""));
    }

    /// The answer to one message, as JSON.
    fn reply(scope: &DedicatedWorkerGlobalScope, message: String) -> String {
        let now = || scope.performance().map_or(0.0, |p| p.now());
        let started = now();
        let result = match serde_json::from_str::<Request>(&message) {
            Ok(request) => kiosque_worker::extract(&request),
            Err(e) => Err(format!(
                "The page sent a request the worker does not read: {e}"
            )),
        };
        let reply = Reply {
            result,
            millis: now() - started,
        };
        serde_json::to_string(&reply).unwrap_or_else(|e| {
            format!(r#"{{"result":{{"Err":"The result could not be sent: {e}"}},"millis":0}}"#)
        })
    }
}
