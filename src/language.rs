//! The interface's language ([`kiosque_model::ui`]): what every component reads its words from.
//! The page says it (`<html lang>`, which `kiosque pages` writes from the site's settings), so
//! the app knows it before any data; the pre-rendered pages are rendered in it
//! ([`crate::render`]).

use kiosque_model::ui::{Language, Messages};
use leptos::prelude::*;

/// The interface's language, as provided to every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interface(Language);

/// Provides `language` as the interface's language of the views under the current owner.
pub fn provide_language(language: Language) {
    provide_context(Interface(language));
}

/// The interface's language ([`provide_language`]); English where none was provided.
pub fn use_language() -> Language {
    use_context::<Interface>().map_or(Language::En, |i| i.0)
}

/// The words of the interface's language.
pub fn use_messages() -> &'static Messages {
    use_language().messages()
}

/// The language the page is in (`<html lang>`), if it is an interface language; English
/// otherwise.
pub fn document_language() -> Language {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Language::from_code(&code))
        .unwrap_or(Language::En)
}
