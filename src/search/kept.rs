//! The data files a page fetches as its views need them (the search index's files, card pages,
//! posting and profile files), each fetched once for every caller: callers that ask for a file
//! already under way wait for that request's answer rather than start another (a reader typing
//! `koursk` a key at a time asks for the same shard at each letter until it comes), the file is
//! parsed once and kept for the page's life, and a failure goes to every caller waiting but is
//! not kept: the next caller fetches again.

use std::collections::HashMap;
use std::future::{Future, poll_fn};
use std::sync::Arc;
use std::task::Poll;

use futures::channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::data::{AppError, Freshness, fetch_text};

/// One file: not fetched, being fetched, or kept.
pub(crate) enum Slot<T, E> {
    /// Not fetched, or the last fetch failed.
    Empty,
    /// Being fetched: the callers waiting for its answer.
    Fetching(Vec<oneshot::Sender<Result<T, E>>>),
    /// Fetched.
    Kept(T),
}

/// What a caller gets from [`Slot::ask`].
pub(crate) enum Asked<T, E> {
    /// The file, kept.
    Kept(T),
    /// The answer of the fetch under way, which this caller must start when `start`.
    Wait {
        answer: oneshot::Receiver<Result<T, E>>,
        start: bool,
    },
}

impl<T: Clone, E: Clone> Slot<T, E> {
    /// Whether a fetch must start now: the slot was empty (it is fetching from now on).
    pub(crate) fn start(&mut self) -> bool {
        if !matches!(self, Slot::Empty) {
            return false;
        }
        *self = Slot::Fetching(Vec::new());
        true
    }

    /// The file if kept; otherwise the answer of the fetch under way, started if none was.
    pub(crate) fn ask(&mut self) -> Asked<T, E> {
        if let Slot::Kept(value) = self {
            return Asked::Kept(value.clone());
        }
        let start = self.start();
        let (sender, answer) = oneshot::channel();
        if let Slot::Fetching(waiting) = self {
            waiting.push(sender);
        }
        Asked::Wait { answer, start }
    }

    /// The fetch's answer, for every caller waiting: the file is kept; after a failure the slot
    /// is empty again.
    pub(crate) fn finish(&mut self, result: Result<T, E>) {
        let after = match &result {
            Ok(value) => Slot::Kept(value.clone()),
            Err(_) => Slot::Empty,
        };
        if let Slot::Fetching(waiting) = std::mem::replace(self, after) {
            for caller in waiting {
                // A caller gone (its page closed) no longer wants it.
                let _ = caller.send(result.clone());
            }
        }
    }

    /// The file, if kept.
    fn kept(&self) -> Option<T> {
        match self {
            Slot::Kept(value) => Some(value.clone()),
            _ => None,
        }
    }
}

/// The error of a file asked for by a page that was closed meanwhile.
pub(crate) fn gone(url: &str) -> AppError {
    AppError::Network {
        url: url.to_owned(),
        message: "the page was closed".to_owned(),
    }
}

/// Files of one kind, by key (a path or a URL): each a [`Slot`].
pub(crate) struct KeptFiles<T: 'static>(StoredValue<HashMap<String, Slot<Arc<T>, AppError>>>);

impl<T> Clone for KeptFiles<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for KeptFiles<T> {}

impl<T: Send + Sync + 'static> KeptFiles<T> {
    /// None fetched yet.
    pub(crate) fn new() -> Self {
        KeptFiles(StoredValue::new(HashMap::new()))
    }

    /// Whether the file of `key` is kept.
    pub(crate) fn has(&self, key: &str) -> bool {
        (self.0)
            .try_with_value(|files| files.get(key).is_some_and(|slot| slot.kept().is_some()))
            .unwrap_or(false)
    }

    /// The files of `keys` (`url_of` gives each one's URL), kept or fetched together with
    /// `freshness` and read with `parse` (its URL, its text), each in order; the first that
    /// fails is the error (those that did not are kept). A file under way for another caller is
    /// not asked for again: its answer is awaited. Each request runs in a task of its own, so
    /// that a caller that no longer waits (a search the reader typed past) does not cancel it
    /// for the others.
    pub(crate) async fn fetch<E: std::fmt::Display>(
        self,
        keys: &[String],
        url_of: impl Fn(&str) -> Result<String, AppError>,
        freshness: Freshness,
        parse: impl Fn(&str, &str) -> Result<T, E> + Copy + 'static,
    ) -> Result<Vec<Arc<T>>, AppError> {
        let mut answers = Vec::with_capacity(keys.len());
        for key in keys {
            let url = url_of(key)?;
            let asked = (self.0)
                .try_update_value(|files| files.entry(key.clone()).or_insert(Slot::Empty).ask());
            // Started here, not when the answer is awaited: a caller dropped before then must
            // not leave the file under way for good.
            if let Some(Asked::Wait { start: true, .. }) = &asked {
                self.start(key.clone(), url.clone(), freshness, parse);
            }
            answers.push(async move {
                match asked {
                    None => Err(gone(&url)),
                    Some(Asked::Kept(file)) => Ok(file),
                    Some(Asked::Wait { answer, .. }) => {
                        answer.await.unwrap_or_else(|_| Err(gone(&url)))
                    }
                }
            });
        }
        join_each(answers.into_iter()).await.into_iter().collect()
    }

    /// Fetches and reads the file of `key` at `url` in a task of its own, and gives every caller
    /// waiting the answer.
    fn start<E: std::fmt::Display>(
        self,
        key: String,
        url: String,
        freshness: Freshness,
        parse: impl Fn(&str, &str) -> Result<T, E> + 'static,
    ) {
        spawn_local(async move {
            let result = match fetch_text(&url, freshness).await {
                Ok(text) => parse(&url, &text)
                    .map(Arc::new)
                    .map_err(|e| malformed(&url, &e)),
                Err(error) => Err(error),
            };
            // The page may be gone.
            let _ = (self.0).try_update_value(|files| {
                if let Some(slot) = files.get_mut(&key) {
                    slot.finish(result);
                }
            });
        });
    }
}

/// A file at `url` that does not read.
pub(crate) fn malformed(url: &str, error: &impl std::fmt::Display) -> AppError {
    AppError::Malformed {
        url: url.to_owned(),
        message: error.to_string(),
    }
}

/// The outputs of `futures`, run together (each polled until done), in their order: what
/// `futures::future::join_all` does for the few files a search fetches, without its
/// `FuturesOrdered` path for long lists (a copy of it per caller in the app's wasm).
pub(crate) async fn join_each<F: Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        match pending {
            true => Poll::Pending,
            false => Poll::Ready(outputs.iter_mut().filter_map(Option::take).collect()),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use futures::FutureExt;

    use super::*;

    type TestSlot = Slot<u32, String>;

    fn waiting(asked: Asked<u32, String>) -> (oneshot::Receiver<Result<u32, String>>, bool) {
        match asked {
            Asked::Wait { answer, start } => (answer, start),
            Asked::Kept(value) => panic!("kept {value} before any answer"),
        }
    }

    #[test]
    fn join_each_gives_the_outputs_in_order_once_all_are_done() {
        let (senders, receivers): (Vec<_>, Vec<_>) = (0..3).map(|_| oneshot::channel()).unzip();
        let mut joined = Box::pin(join_each(receivers.into_iter()));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        for (n, sender) in senders.into_iter().enumerate().rev() {
            assert!(
                joined.as_mut().poll(&mut cx).is_pending(),
                "{n} not sent yet"
            );
            assert_eq!(sender.send(n), Ok(()));
        }
        assert_eq!(
            joined.as_mut().poll(&mut cx),
            Poll::Ready(vec![Ok(0), Ok(1), Ok(2)])
        );
    }

    #[test]
    fn one_fetch_answers_every_caller_and_is_kept() {
        let mut slot = TestSlot::Empty;
        let (first, start_first) = waiting(slot.ask());
        let (second, start_second) = waiting(slot.ask());
        assert!(
            start_first && !start_second,
            "only the first caller fetches"
        );
        assert!(!slot.start(), "no second fetch while one is under way");
        assert_eq!(slot.kept(), None, "not kept while under way");
        slot.finish(Ok(7));
        assert_eq!(first.now_or_never(), Some(Ok(Ok(7))));
        assert_eq!(second.now_or_never(), Some(Ok(Ok(7))));
        assert!(matches!(slot.ask(), Asked::Kept(7)));
        assert_eq!(slot.kept(), Some(7));
        assert!(!slot.start(), "kept: nothing to fetch");
    }

    #[test]
    fn a_prefetch_is_joined_by_the_callers_after_it() {
        let mut slot = TestSlot::Empty;
        assert!(slot.start(), "the prefetch fetches");
        let (answer, start) = waiting(slot.ask());
        assert!(
            !start,
            "a search waits for the prefetch rather than fetching again"
        );
        slot.finish(Ok(3));
        assert_eq!(answer.now_or_never(), Some(Ok(Ok(3))));
    }

    #[test]
    fn a_failure_goes_to_the_callers_waiting_and_the_next_caller_fetches_again() {
        let mut slot = TestSlot::Empty;
        assert!(slot.start(), "a prefetch");
        let (answer, _) = waiting(slot.ask());
        slot.finish(Err("503".to_owned()));
        assert_eq!(answer.now_or_never(), Some(Ok(Err("503".to_owned()))));
        let (retry, start) = waiting(slot.ask());
        assert!(
            start,
            "a failed fetch is not kept: the next search fetches again"
        );
        slot.finish(Ok(5));
        assert_eq!(retry.now_or_never(), Some(Ok(Ok(5))));
    }

    #[test]
    fn a_failed_prefetch_nobody_waited_for_leaves_the_slot_empty() {
        let mut slot = TestSlot::Empty;
        assert!(slot.start());
        slot.finish(Err("offline".to_owned()));
        assert!(matches!(slot, Slot::Empty));
        assert!(slot.start(), "the next letter typed fetches again");
    }
}
