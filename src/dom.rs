//! The few direct DOM touches the app needs, kept in one place.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Focuses the element with this id, if there is one and it can take focus.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses the first element matching a CSS selector, if any.
pub fn focus_selector(selector: &str) {
    if let Some(element) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses the first element matching `selector` whose `attribute` equals `value`. Values are
/// compared here rather than put in the selector, so no id needs CSS escaping.
pub fn focus_matching(selector: &str, attribute: &str, value: &str) {
    let Ok(nodes) = document().query_selector_all(selector) else {
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

/// Removes the element with this id, if present.
pub fn remove_by_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.remove();
    }
}
