//! What the article page and the cards show, decided once here rather than in the views.

use crate::article::{ArticleBody, ArticleSummary, Block, RelatedBlock};
use crate::entity::{Entity, EntityId, Label};
use crate::index::Corpus;
use crate::text::fold;
use crate::ui::Language;

/// An article body sorted for display: the readable flow, and the "read also" links apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleLayout<'a> {
    /// Headings, paragraphs and embeds, in reading order.
    pub flow: Vec<&'a Block>,
    /// Links to related articles, shown after the body and never as body text.
    pub related: Vec<&'a RelatedBlock>,
}

/// Splits a body into what is read and what is linked; boilerplate and block kinds this version
/// does not know are left out (they stay in the data, unseen).
pub fn layout(body: &ArticleBody) -> ArticleLayout<'_> {
    let mut out = ArticleLayout::default();
    for block in &body.blocks {
        match block {
            Block::Heading(_) | Block::Paragraph(_) | Block::Embed(_) => out.flow.push(block),
            Block::Related(related) => out.related.push(related),
            Block::Boilerplate(_) | Block::Unknown => {}
        }
    }
    out
}

/// The entities a card shows as chips: at most `limit`, no dates, those of `selected` (the
/// view's filter: why the card is listed) first, then in the summary's (salience) order,
/// skipping ids the entity table does not have.
pub fn card_chips<'a>(
    corpus: &'a Corpus,
    summary: &ArticleSummary,
    limit: usize,
    selected: &[EntityId],
) -> Vec<&'a Entity> {
    let ids = &summary.entities;
    let first = ids.iter().filter(|id| selected.contains(id));
    first
        .chain(ids.iter().filter(|id| !selected.contains(id)))
        .filter_map(|id| corpus.entity(id))
        .filter(|e| e.label != Label::Date)
        .take(limit)
        .collect()
}

/// Entities grouped by label in [`Label::ALL`] order, each group in the given order; unknown ids
/// are skipped and empty groups omitted.
pub fn entities_by_label<'a>(
    corpus: &'a Corpus,
    ids: &[EntityId],
) -> Vec<(Label, Vec<&'a Entity>)> {
    Label::ALL
        .iter()
        .filter_map(|&label| {
            let group: Vec<&Entity> = ids
                .iter()
                .filter_map(|id| corpus.entity(id))
                .filter(|e| e.label == label)
                .collect();
            (!group.is_empty()).then_some((label, group))
        })
        .collect()
}

/// The `aria-label` of a mention link, when it needs one. A link's accessible name starts with
/// its visible text (so speech control users can say what they see), then what it is: its text
/// and the alternative text of its type's marker in the style name it (`Koursk (place)`) when the
/// text spells the entity; otherwise this label names both: `Kursk (place: Koursk)`, `lundi (date:
/// 6 January 2025)`, in the interface's `language` (`Kursk (lieu\u{a0}: Koursk)`, `lundi (date\u{a0}:
/// 6 janvier 2025)`).
pub fn mention_label(language: Language, text: &str, entity: &Entity) -> Option<String> {
    let name = language.entity_name(entity);
    (fold(text.trim()) != fold(&name)).then(|| {
        let label = language.colon(language.label_lowercase(entity.label));
        format!("{text} ({label} {name})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{article, corpus, entity};

    #[test]
    fn boilerplate_is_dropped_and_related_links_set_apart() {
        let body: ArticleBody = serde_json::from_str(
            r#"{"id": "a", "blocks": [
                {"kind": "heading", "text": "H"},
                {"kind": "paragraph", "text": "P1"},
                {"kind": "embed", "platform": "tweet", "text": "T"},
                {"kind": "related", "label": "A lire aussi", "text": "R"},
                {"kind": "boilerplate", "reason": "teaser", "text": "Xiaomi"},
                {"kind": "poll"},
                {"kind": "paragraph", "text": "P2"}
            ]}"#,
        )
        .expect("valid body");
        let layout = layout(&body);
        let texts: Vec<&str> = layout.flow.iter().map(|b| b.text()).collect();
        assert_eq!(texts, ["H", "P1", "T", "P2"]);
        assert_eq!(layout.related.len(), 1);
        assert_eq!(layout.related[0].text, "R");
    }

    #[test]
    fn chips_skip_dates_and_unknown_ids_and_keep_salience_order() {
        let corpus = corpus(
            vec![],
            vec![
                entity("loc-a", Label::Place, 1),
                entity("per-b", Label::Person, 1),
                entity("date-2025", Label::Date, 1),
                entity("org-c", Label::Organisation, 1),
            ],
        );
        let summary = article("x", &["date-2025", "per-b", "loc-ghost", "loc-a", "org-c"]);
        let ids = |selected: &[&str]| -> Vec<&str> {
            let selected: Vec<EntityId> = selected
                .iter()
                .map(|id| EntityId::new(*id).expect("an id"))
                .collect();
            card_chips(&corpus, &summary, 2, &selected)
                .iter()
                .map(|e| e.id.as_str())
                .collect()
        };
        assert_eq!(ids(&[]), ["per-b", "loc-a"]);
        // The view's filter first: the card says why it is listed.
        assert_eq!(ids(&["org-c"]), ["org-c", "per-b"]);
        assert_eq!(ids(&["org-c", "loc-a", "date-2025"]), ["loc-a", "org-c"]);
        let groups = entities_by_label(&corpus, &summary.entities);
        let labels: Vec<Label> = groups.iter().map(|(l, _)| *l).collect();
        assert_eq!(
            labels,
            [
                Label::Person,
                Label::Place,
                Label::Organisation,
                Label::Date
            ]
        );
    }

    #[test]
    fn mention_names_start_with_the_visible_text() {
        let mut koursk = entity("loc-koursk", Label::Place, 1);
        koursk.name = "Koursk".into();
        assert_eq!(mention_label(Language::En, "Koursk", &koursk), None);
        assert_eq!(mention_label(Language::Fr, "KOURSK", &koursk), None);
        assert_eq!(
            mention_label(Language::En, "Kursk", &koursk).as_deref(),
            Some("Kursk (place: Koursk)")
        );
        assert_eq!(
            mention_label(Language::Fr, "Kursk", &koursk).as_deref(),
            Some("Kursk (lieu\u{a0}: Koursk)")
        );
        // A date is named in the interface's language, whatever the data named it in.
        let mut monday = entity("date-2025-01-06", Label::Date, 1);
        monday.name = "6 January 2025".into();
        monday.value = Some("2025-01-06".into());
        assert_eq!(
            mention_label(Language::Fr, "lundi", &monday).as_deref(),
            Some("lundi (date\u{a0}: 6 janvier 2025)")
        );
        assert_eq!(mention_label(Language::Fr, "6 janvier 2025", &monday), None);
    }
}
