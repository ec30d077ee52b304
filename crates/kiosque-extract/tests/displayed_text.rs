//! Readers see the text as written: joiners, non-joiners, soft hyphens and zero-width spaces
//! stay in the blocks, while entities are still found through them and their offsets index
//! the text as shown.

use kiosque_extract::analysis::{Analysis, Found, Place, analyze};
use kiosque_extract::clean::{Format, Role};
use kiosque_extract::link::{self, Occurrence};
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::{Document, Meta};
use kiosque_model::Label;

fn analysed(text: &str, format: Format) -> Analysis {
    let doc = Document {
        text: text.to_owned(),
        format,
        meta: Meta {
            title: Some("Un titre".to_owned()),
            ..Meta::default()
        },
        ..Document::default()
    };
    analyze(&doc, Knowledge::builtin())
}

/// The texts of the blocks written to the site data (boilerplate included).
fn block_texts(a: &Analysis) -> Vec<&str> {
    a.cleaned.parts.iter().map(|p| p.text.as_str()).collect()
}

/// What a reader's highlight covers: the mention's offsets applied to its block's text, as
/// the site data gives them (code points from the start of the block's text).
fn highlighted(a: &Analysis, found: &Found) -> String {
    let part = &a.cleaned.parts[found.part];
    let base = part.text_span().start;
    part.text
        .chars()
        .skip((found.start - base) as usize)
        .take((found.end - found.start) as usize)
        .collect()
}

fn mentions(a: &Analysis) -> Vec<(String, Label)> {
    a.found
        .iter()
        .filter(|f| f.place == Place::Text)
        .map(|f| (highlighted(a, f), f.label))
        .collect()
}

#[test]
fn a_persian_word_keeps_its_zero_width_non_joiner() {
    let text = "من می\u{200C}خواهم به تهران بروم.";
    let a = analysed(text, Format::Text);
    assert_eq!(block_texts(&a), [text]);
    assert!(a.excerpt.contains("می\u{200C}خواهم"), "{:?}", a.excerpt);
}

#[test]
fn an_emoji_family_stays_one_family_and_the_name_after_it_is_highlighted() {
    let family = "👨\u{200D}👩\u{200D}👧";
    let text = format!("Une famille {family} a quitté Koursk lundi.");
    let a = analysed(&text, Format::Text);
    assert_eq!(block_texts(&a), [text.as_str()]);
    let found = mentions(&a);
    assert!(
        found.contains(&("Koursk".to_owned(), Label::Place)),
        "{found:?}"
    );
}

#[test]
fn a_soft_hyphenated_place_is_shown_hyphenated_and_linked_to_the_place() {
    let text = "Les forces ukrainiennes ont relancé une offensive dans la région russe de Kour\u{AD}sk, selon des blogueurs russes.";
    let a = analysed(text, Format::Text);
    assert_eq!(block_texts(&a), [text]);
    let kursk = a
        .found
        .iter()
        .find(|f| highlighted(&a, f) == "Kour\u{AD}sk")
        .expect("Kour\u{AD}sk is a mention, soft hyphen included");
    assert_eq!(kursk.label, Label::Place);
    assert_eq!(kursk.text, "Koursk", "linking reads the name without it");
    let occurrences = [Occurrence {
        doc: 0,
        label: kursk.label,
        text: &kursk.text,
        entry: kursk.entry,
        date: None,
        weight: 1.0,
        confidence: kursk.confidence,
    }];
    let linked = link::link(&occurrences, Knowledge::builtin(), "fr");
    assert_eq!(linked.entities[linked.of[0]].name, "Koursk");
}

#[test]
fn a_name_with_a_zero_width_space_inside_is_highlighted_whole() {
    let text = "Le président Volo\u{200B}dymyr Zelensky a répondu à Donald Trump.";
    let a = analysed(text, Format::Text);
    assert_eq!(block_texts(&a), [text]);
    let found = mentions(&a);
    assert!(
        found.contains(&("Volo\u{200B}dymyr Zelensky".to_owned(), Label::Person)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Donald Trump".to_owned(), Label::Person)),
        "{found:?}"
    );
}

#[test]
fn invisible_characters_keep_their_place_in_markdown_and_embeds() {
    // A wrapped Markdown paragraph with a footnote reference (removed on purpose) and a tweet
    // whose text and author carry invisible characters.
    let text = "Kour\u{AD}sk est loin de\n\u{200B}Kyiv[^1].\n\nLa ville de Kourakhove est tom\u{AD}bée.\n— Youri Podo\u{AD}liaka (@yurasumy) January 5, 2025\n\n[^1]: Une note.";
    let a = analysed(text, Format::Markdown);
    let texts = block_texts(&a);
    assert_eq!(texts[0], "Kour\u{AD}sk est loin de \u{200B}Kyiv.");
    assert_eq!(texts[1], "La ville de Kourakhove est tom\u{AD}bée.");
    let Role::Embed(tweet) = &a.cleaned.parts[1].role else {
        panic!("not a tweet: {:?}", a.cleaned.parts[1]);
    };
    assert_eq!(tweet.author.as_deref(), Some("Youri Podo\u{AD}liaka"));
    let found = mentions(&a);
    for name in ["Kour\u{AD}sk", "Kyiv", "Kourakhove"] {
        assert!(
            found.iter().any(|(t, _)| t == name),
            "{name} not highlighted: {found:?}"
        );
    }
    let author = a
        .found
        .iter()
        .find(|f| f.place == Place::Author)
        .expect("the author is a person");
    assert_eq!(author.text, "Youri Podoliaka");
    assert_eq!(
        a.cleaned.doc.slice(author.start, author.end),
        "Youri Podo\u{AD}liaka"
    );
}

#[test]
fn line_breaks_of_every_system_split_paragraphs_without_leaving_carriage_returns() {
    let a = analysed("Un.\r\nDeux.\rTrois.\n", Format::Text);
    assert_eq!(block_texts(&a), ["Un.", "Deux.", "Trois."]);
}

#[test]
fn invisible_characters_at_line_edges_stay_with_their_words() {
    let text = "\u{200D}Kyiv\u{200B}\n\u{FEFF}Kharkiv tient.\u{2060}";
    let a = analysed(text, Format::Text);
    assert_eq!(
        block_texts(&a),
        ["\u{200D}Kyiv\u{200B}", "\u{FEFF}Kharkiv tient.\u{2060}"]
    );
}

#[test]
fn a_byte_order_mark_that_opens_the_text_is_not_text() {
    let a = analysed("\u{FEFF}Kyiv tient.", Format::Text);
    assert_eq!(block_texts(&a), ["Kyiv tient."]);
}

#[test]
fn a_title_line_is_shown_as_written() {
    let doc = Document {
        text: "Offensive à Kour\u{AD}sk\nLes forces ukrainiennes ont relancé une offensive."
            .to_owned(),
        ..Document::default()
    };
    let a = analyze(&doc, Knowledge::builtin());
    assert!(!a.title_derived);
    assert_eq!(a.title, "Offensive à Kour\u{AD}sk");
}
