use super::*;

const SEED: &str = include_str!("../../../../demo/000_a6c409483e480484.txt");

fn kinds(cleaned: &Cleaned) -> Vec<String> {
    cleaned
        .parts
        .iter()
        .map(|p| match &p.role {
            Role::Heading => "heading".to_owned(),
            Role::Paragraph => "paragraph".to_owned(),
            Role::Embed(_) => "embed".to_owned(),
            Role::Related { .. } => "related".to_owned(),
            Role::Boilerplate(n) => format!("{n:?}").to_lowercase(),
        })
        .collect()
}

#[test]
fn the_seed_is_typed_as_a_careful_editor_would() {
    let cleaned = clean(SEED, &Options::default());
    assert_eq!(
        kinds(&cleaned),
        [
            "paragraph",
            "paragraph",
            "paragraph",
            "embed",
            "paragraph",
            "related",
            "related",
            "paragraph",
            "teaser",
            "teaser",
            "teaser",
            "teaser",
            "teaser",
            "teaser",
        ]
    );
    let Role::Embed(tweet) = &cleaned.parts[3].role else {
        panic!("part 3 is not the tweet");
    };
    assert_eq!(
        cleaned.parts[3].text,
        "L’armée russe à Kourakhove retire les drapeaux ukrainiens.\nLa ville de Kourakhove constitue la dernière forteresse du Sud du Dombass.\nLes Russes vont avancer encore plus vite maintenant."
    );
    assert_eq!(tweet.author.as_deref(), Some("SILVANO TROTTA OFFICIEL"));
    assert_eq!(tweet.handle.as_deref(), Some("@silvano_trotta"));
    assert_eq!(tweet.date, NaiveDate::from_ymd_opt(2025, 1, 5));
    assert_eq!(
        tweet.media_link.as_deref(),
        Some("pic.twitter.com/rnl7qu53sW")
    );
    let Role::Related { label, .. } = &cleaned.parts[5].role else {
        panic!("part 5 is not a related link");
    };
    assert_eq!(label, "A lire aussi");
    assert!(
        cleaned.parts[5]
            .text
            .starts_with("Guerre en Ukraine : à la surprise générale")
    );
    assert!(
        cleaned.parts[6]
            .text
            .starts_with("Guerre en Ukraine : des attaques")
    );
    assert_eq!(cleaned.title_line, None);
}

#[test]
fn part_texts_are_slices_of_the_document() {
    let cleaned = clean(SEED, &Options::default());
    for part in &cleaned.parts {
        let span = part.text_span();
        assert_eq!(cleaned.doc.slice(span.start, span.end), part.text);
    }
}

#[test]
fn nothing_is_dropped() {
    // Every non-blank line of the input is in some part (its text, or a marker kept as a label).
    let cleaned = clean(SEED, &Options::default());
    let covered: String = cleaned
        .parts
        .iter()
        .map(|p| cleaned.doc.slice(p.span.start, p.span.end).to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    for line in SEED
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("A lire aussi"))
    {
        assert!(covered.contains(line.trim()), "lost: {line}");
    }
}

#[test]
fn wiki_page_furniture_title_and_dateline() {
    let page = "Ukrainian strike kills 21 people\n\nFrom Wikinews, the free news source you can write!\nJump to navigation Jump to search\n\nThursday, January 4, 2024\n\nBelgorod and the other targets were all in the Central Federal District (red) of Russia.\n\nAt least 21 people were killed in Russia.\n\nThe strikes also hit Moscow.\n\n\nSister links\n\nSources";
    let cleaned = clean(page, &Options::default());
    assert_eq!(
        kinds(&cleaned),
        [
            "title",
            "navigation",
            "navigation",
            "dateline",
            "caption",
            "paragraph",
            "paragraph",
            "footer",
            "footer"
        ]
    );
    assert_eq!(
        cleaned.title_line.as_deref(),
        Some("Ukrainian strike kills 21 people")
    );
    assert_eq!(cleaned.dateline, NaiveDate::from_ymd_opt(2024, 1, 4));
}

#[test]
fn a_given_title_repeated_on_the_first_line_is_not_body() {
    let cleaned = clean(
        "Le titre\nLe corps de l’article.",
        &Options {
            title: Some("Le  titre"),
            ..Options::default()
        },
    );
    assert_eq!(kinds(&cleaned), ["paragraph", "paragraph"]);
    let cleaned = clean(
        "Le titre\nLe corps de l’article.",
        &Options {
            title: Some("Le titre"),
            ..Options::default()
        },
    );
    assert_eq!(kinds(&cleaned), ["title", "paragraph"]);
}

#[test]
fn photo_caption_groups_are_captions() {
    let page = "Austin spoke in Brussels.\n\nAustin sits at a table.\nSupporting Ukraine\nAustin attends the meeting.\nPhoto By: Chad McNeeley, DOD\nVIRIN: 220615-D-TT977-0228\n\nHe also said more.";
    let cleaned = clean(page, &Options::default());
    assert_eq!(
        kinds(&cleaned),
        [
            "paragraph",
            "caption",
            "caption",
            "caption",
            "caption",
            "caption",
            "paragraph"
        ]
    );
}

#[test]
fn empty_and_blank_inputs_give_no_parts() {
    assert!(clean("", &Options::default()).parts.is_empty());
    assert!(clean(" \n\n\t\n", &Options::default()).parts.is_empty());
}
