//! The few direct DOM touches the app needs, kept in one place.

use futures::channel::oneshot;
use leptos::prelude::{document, request_animation_frame, set_timeout};
use wasm_bindgen::JsCast;

/// Runs `f` once the next frame is painted (in a task after that frame's animation frame): for
/// work that would hold back the frame that shows a change.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Whether the keyboard focus is lost: on the page's body, or nowhere (the element that had it
/// was removed, or drawn anew).
pub fn focus_is_lost() -> bool {
    let document = document();
    match document.active_element() {
        None => true,
        Some(active) => document
            .body()
            .is_some_and(|body| AsRef::<web_sys::Element>::as_ref(&body) == &active),
    }
}

/// Frames within which a change drawn after a click may take the focus away.
const REFOCUS_FRAMES: u32 = 10;

/// Runs `refocus` once the focus is lost, if it is within the next [`REFOCUS_FRAMES`] frames
/// (each looked at once painted): after a click whose change removes or redraws the element
/// clicked, the focus goes somewhere that makes sense rather than to the page's body.
pub fn when_focus_lost(refocus: impl FnOnce() + 'static) {
    refocus_within(Box::new(refocus), REFOCUS_FRAMES);
}

fn refocus_within(refocus: Box<dyn FnOnce()>, frames: u32) {
    after_next_paint(move || {
        if focus_is_lost() {
            refocus();
        } else if frames > 1 {
            refocus_within(refocus, frames - 1);
        }
    });
}

/// The page's address as the browser shows it: path and query (`/?q=kiev`).
pub fn address() -> String {
    let location = leptos::prelude::window().location();
    let (path, query) = (location.pathname(), location.search());
    format!("{}{}", path.unwrap_or_default(), query.unwrap_or_default())
}

/// The pre-rendered list the start script found this page opened from by one of its links, as it
/// tells it (`data-opened-from` on `<html>`: `kiosque pages`' start.js reads the page's referrer):
/// `home`, or `entity/<id>` ([`crate::selection::OpenedFrom`] reads it).
pub fn opened_from() -> Option<String> {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("data-opened-from"))
}

/// Focuses the element with this id, if there is one and it can take focus.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses (and so brings into view) the first element matching `selector` once it is drawn,
/// looking for it for at most `frames` frames; after the frame's other work (a change of page
/// focuses `<main>` in it). For a few frames after, while it keeps the focus, it is brought
/// back into view if the page was scrolled away from it: the browser's back restores the
/// page's scroll once the page is drawn again, wherever that leaves it.
pub fn focus_when_drawn(selector: String, frames: u32) {
    request_animation_frame(move || {
        if document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .is_some()
        {
            after_next_paint(move || {
                if let Some(element) = focus_selector(&selector) {
                    keep_in_view(element, KEPT_IN_VIEW_FRAMES);
                }
            });
        } else if frames > 1 {
            focus_when_drawn(selector, frames - 1);
        }
    });
}

/// For how many frames an element focused by [`focus_when_drawn`] is kept in view.
const KEPT_IN_VIEW_FRAMES: u32 = 30;

/// Brings `element` into view (centred) on each of the next `frames` frames where it has the
/// focus and is out of view.
fn keep_in_view(element: web_sys::HtmlElement, frames: u32) {
    request_animation_frame(move || {
        let focused = document()
            .active_element()
            .is_some_and(|active| active == *element.as_ref());
        if !focused {
            return;
        }
        let rect = element.get_bounding_client_rect();
        if rect.top() < 0.0 || rect.bottom() > window_height() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
        if frames > 1 {
            keep_in_view(element, frames - 1);
        }
    });
}

/// Scrolls the box `element` sideways to show its first child matching `selector`, centred, or
/// to its end when none matches: where a chart wider than its box opens.
pub fn scroll_sideways_to(element: &web_sys::Element, selector: &str) {
    let target = (element.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let left = match target {
        Some(target) => target.offset_left() - (element.client_width() - target.offset_width()) / 2,
        None => element.scroll_width(),
    };
    element.set_scroll_left(left.max(0));
}

/// Focuses the first element matching a CSS selector, if any, and gives it.
pub fn focus_selector(selector: &str) -> Option<web_sys::HtmlElement> {
    let element = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())?;
    let _ = element.focus();
    Some(element)
}

/// Focuses the first element matching `selector` whose `attribute` equals `value`, unless it
/// has the focus already (focusing makes the browser lay the page out at once). Values are
/// compared here rather than put in the selector, so no id needs CSS escaping.
pub fn focus_matching(selector: &str, attribute: &str, value: &str) {
    let document = document();
    if document.active_element().is_some_and(|active| {
        active.matches(selector).unwrap_or(false)
            && active.get_attribute(attribute).as_deref() == Some(value)
    }) {
        return;
    }
    let Ok(nodes) = document.query_selector_all(selector) else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(element) = nodes
            .item(i)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if element.get_attribute(attribute).as_deref() == Some(value) {
            let _ = element.focus();
            return;
        }
    }
}

/// Removes the element with id `id` if it has no content (a page with nothing pre-rendered).
#[cfg(feature = "csr")]
pub fn remove_if_empty(id: &str) {
    if let Some(element) = document().get_element_by_id(id)
        && element.child_element_count() == 0
    {
        element.remove();
    }
}

/// Focuses the element with this id without scrolling the page to it.
pub fn focus_by_id_without_scrolling(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// Whether the element with this id is laid out (not `display: none`, nor inside such).
pub fn is_displayed(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.offset_parent().is_some())
}

/// Whether the document has an element with this id.
pub fn exists(id: &str) -> bool {
    document().get_element_by_id(id).is_some()
}

/// Removes the element with this id, if there is one.
pub fn remove_by_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.remove();
    }
}

/// Whether the element with this id has the keyboard focus.
pub fn has_focus(id: &str) -> bool {
    document().active_element().is_some_and(|el| el.id() == id)
}

/// The focused element's `attribute`, if it matches `selector` and has one: what
/// [`focus_matching`] needs to focus it again once its view is drawn anew.
pub fn focused_attribute(selector: &str, attribute: &str) -> Option<String> {
    let active = document().active_element()?;
    if !active.matches(selector).unwrap_or(false) {
        return None;
    }
    active.get_attribute(attribute)
}

/// Waits until the bottom of the first element matching `selector` is less than `margin`
/// window heights below the window's bottom edge (at once if it already is, or if nothing
/// matches), looking again after each scroll or resize: `true` then, `false` as soon as `stop`
/// is answered or dropped (the view it was for changed, or the page is gone).
pub async fn near_view(selector: &str, margin: f64, stop: &mut oneshot::Receiver<()>) -> bool {
    use futures::future::{Either, select};
    loop {
        if is_near_view(selector, margin) {
            return true;
        }
        let (moved, next_move) = oneshot::channel();
        let moved = std::rc::Rc::new(std::cell::Cell::new(Some(moved)));
        let on_move = move |_: web_sys::Event| {
            if let Some(moved) = moved.take() {
                let _ = moved.send(());
            }
        };
        let listeners = ["scroll", "resize"]
            .map(|event| leptos::prelude::window_event_listener_untyped(event, on_move.clone()));
        let outcome = select(next_move, &mut *stop).await;
        for listener in listeners {
            listener.remove();
        }
        if let Either::Right(_) = outcome {
            return false;
        }
    }
}

/// Whether the bottom of the first element matching `selector` is less than `margin` window
/// heights below the window (or nothing matches).
fn is_near_view(selector: &str, margin: f64) -> bool {
    let Some(element) = document().query_selector(selector).ok().flatten() else {
        return true;
    };
    element.get_bounding_client_rect().bottom() <= window_height() * (1.0 + margin)
}

/// The window's height in CSS pixels (unbounded if the browser does not say).
fn window_height() -> f64 {
    leptos::prelude::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::MAX)
}
