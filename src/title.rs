//! The document title of each view: `Koursk · Kiosque`, or the site name alone.

use kiosque_model::display::isolate;
use leptos::prelude::*;

use crate::dom::after_next_paint;
use crate::site::use_site;

/// The full title for a view's own title (empty for the home page) on the site named
/// `site_name`, as `kiosque pages` writes it in the page. The view's title is bidi-isolated: it
/// comes from the data, and must not reorder the site name.
pub fn full_title(site_name: &str, text: &str) -> String {
    if text.is_empty() {
        site_name.to_owned()
    } else {
        format!("{} · {site_name}", isolate(text))
    }
}

/// Keeps `document.title` in step with `text` while the calling view is alive. A new title is
/// set once the frame that shows its view is painted: no one reads it sooner, and setting it
/// costs that frame about a millisecond.
pub fn use_title(text: impl Fn() -> String + 'static) {
    let site_name = use_site().name;
    Effect::new(move |_| {
        let title = full_title(&site_name, &text());
        after_next_paint(move || document().set_title(&title));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_end_with_the_site_name() {
        assert_eq!(full_title("Kiosque", ""), "Kiosque");
        assert_eq!(
            full_title("Kiosque", "Koursk"),
            "\u{2068}Koursk\u{2069} · Kiosque"
        );
        assert_eq!(
            full_title("Les <b>Nouvelles</b>", "Koursk"),
            "\u{2068}Koursk\u{2069} · Les <b>Nouvelles</b>"
        );
    }
}
