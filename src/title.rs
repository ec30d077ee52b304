//! The document title of each view: `Koursk · Kiosque`, or the site name alone.

use kiosque_model::display::isolate;
use leptos::prelude::*;

use crate::site::SITE_NAME;

/// The full title for a view's own title (empty for the home page). The view's title is
/// bidi-isolated: it comes from the data, and must not reorder the site name.
pub fn full_title(text: &str) -> String {
    if text.is_empty() {
        SITE_NAME.to_owned()
    } else {
        format!("{} · {SITE_NAME}", isolate(text))
    }
}

/// Keeps `document.title` in step with `text` while the calling view is alive.
pub fn use_title(text: impl Fn() -> String + 'static) {
    Effect::new(move |_| document().set_title(&full_title(&text())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_end_with_the_site_name() {
        assert_eq!(full_title(""), "Kiosque");
        assert_eq!(full_title("Koursk"), "\u{2068}Koursk\u{2069} · Kiosque");
    }
}
