//! A block's text with every entity mention as a link to the entity's page, marked by type.

use std::collections::HashMap;
use std::sync::Arc;

use kiosque_model::article_view::mention_label;
use kiosque_model::highlight::segments;
use kiosque_model::{EntityId, Label, Mention};
use leptos::prelude::*;

use crate::components::marked::marked;
use crate::language::use_language;
use crate::routes::corpus::use_corpus;
use crate::site::use_site;

/// The CSS class of a mention of this label; the style gives each type its own underline style
/// and a letter marker, so the type never rests on colour alone.
pub fn mention_class(label: Label) -> String {
    format!("mention mention-{}", label.id_prefix())
}

/// Where mentions link on a page whose entities are not the site's own (the Try it page): the
/// address of the site's page for each entity the site has; the others are marked by type but
/// not linked (an `<a>` without `href`). Without it, every mention links to its entity's page.
#[derive(Clone)]
pub struct MentionLinks(pub Arc<HashMap<EntityId, String>>);

/// Text with its mentions linked. Offsets that do not fit the text, and ids the entity table does
/// not have (there would be no page to go to), leave it plain. A link carries only what a reader
/// uses, since every article page is pre-rendered with twenty-odd of them: its address (which
/// names the entity) and its type's class, whose marker's alternative text in the style reads
/// out the type ("Koursk (place)"); an `aria-label` only when the text spells the entity
/// otherwise ("Dombass (place: Donbass)", "lundi (date: 6 January 2025)").
///
/// `marks`: the words of the reader's last search, marked (`<mark>`) in the text and in the
/// mentions' text (an article opened from a search's results).
#[component]
pub fn MentionText(
    text: String,
    mentions: Vec<Mention>,
    #[prop(optional)] marks: Arc<[String]>,
) -> impl IntoView {
    let corpus = use_corpus();
    let paths = use_site().paths;
    let links = use_context::<MentionLinks>();
    let language = use_language();
    let marks = (!marks.is_empty()).then_some(marks);
    let text_of = move |text: &str| match &marks {
        Some(terms) => marked(text, terms).into_any(),
        None => text.to_owned().into_any(),
    };
    segments(&text, &mentions)
        .into_iter()
        .map(|segment| {
            let known = segment.mention.and_then(|m| corpus.entity(&m.entity));
            let Some(entity) = known else {
                return text_of(segment.text);
            };
            let label = mention_label(language, segment.text, entity);
            let href = match &links {
                Some(links) => links.0.get(&entity.id).cloned(),
                None => Some(paths.entity(entity)),
            };
            view! {
                <a class=mention_class(entity.label) href=href aria-label=label>
                    {text_of(segment.text)}
                </a>
            }
            .into_any()
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use kiosque_model::Label;
    use kiosque_model::ui::Language;

    /// A mention without `aria-label` is named by its text and its marker's alternative text in
    /// the style: that text must be the type's noun, as the label of a mention spelled otherwise
    /// says it (`Label::lowercase`).
    #[test]
    fn the_style_reads_out_each_type_as_the_labels_name_it() {
        let style = include_str!("../../style/pages.css");
        for label in Label::ALL {
            let class = format!(".mention-{}::after", label.id_prefix());
            let rule = style
                .lines()
                .find(|line| line.starts_with(&class))
                .unwrap_or_else(|| panic!("no {class} rule in style/pages.css"));
            let alternative = format!("/ \" ({})\"", label.lowercase());
            assert!(rule.contains(&alternative), "{rule} lacks {alternative}");
            // In French, under `html[lang="fr"]`.
            let french = format!("html[lang=\"fr\"] {class}");
            let rule = style
                .lines()
                .find(|line| line.starts_with(&french))
                .unwrap_or_else(|| panic!("no {french} rule in style/pages.css"));
            let alternative = format!("/ \" ({})\"", Language::Fr.label_lowercase(label));
            assert!(rule.contains(&alternative), "{rule} lacks {alternative}");
        }
    }
}
