use super::*;
use knowledge::Sources;

fn knowledge() -> Knowledge {
    Knowledge::from_sources(&Sources {
        places: "country\tRussie\tRussia\t\t9\ncountry\tUkraine\tUkraine\t\t9\ncity\tKoursk\tKursk\t\t6\ncity\tMoscou\tMoscow\t\t7\nregion\tDonetsk\tDonetsk\t\t6",
        organisations: "Telegram\tTelegram\t\nOrganisation du traité de l’Atlantique nord\tNorth Atlantic Treaty Organization\tOTAN|NATO",
        given_names: "Donald\t5\nYouri\t5\nOleksii\t4\nLloyd\t4\nJoe\t5\nUrsula\t4",
        common_words: &[
            "les\nla\nmais\nrusses\nrusse\nukrainiens\nguerre\ntrump\nest\nsud\ncette\ndefense\nministry",
        ],
    })
}

fn found(text: &str) -> Vec<(String, &'static str)> {
    recognize(text, &knowledge())
        .into_iter()
        .map(|m| (m.text, m.label.code()))
        .collect()
}

fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|&(t, l)| (t.to_owned(), l)).collect()
}

#[test]
fn seed_sentence_people_places_organisations_and_dates() {
    assert_eq!(
        found(
            "La Russie a déclaré lundi avoir réalisé une avancée dans l’Est de l’Ukraine, dans la région russe de Koursk. Le ministère russe de la Défense a précisé que ses forces avaient capturé la ville de Kourakhove."
        ),
        pairs(&[
            ("Russie", "LOC"),
            ("lundi", "DATE"),
            ("Ukraine", "LOC"),
            ("Koursk", "LOC"),
            ("ministère russe de la Défense", "ORG"),
            ("Kourakhove", "LOC"),
        ])
    );
}

#[test]
fn partial_names_follow_the_full_name_and_demonyms_are_not_entities() {
    assert_eq!(
        found(
            "L’investiture de Donald Trump. Les Russes attaquent. Trump a répondu, a posté un blogueur, Youri Podoliaka, sur Telegram."
        ),
        pairs(&[
            ("Donald Trump", "PER"),
            ("Trump", "PER"),
            ("Youri Podoliaka", "PER"),
            ("Telegram", "ORG"),
        ])
    );
}

#[test]
fn roles_are_split_from_names() {
    assert_eq!(
        found(
            "Ukrainian Defense Minister Oleksii Reznikov met Secretary of Defense Lloyd J. Austin III at NATO headquarters."
        ),
        pairs(&[
            ("Oleksii Reznikov", "PER"),
            ("Lloyd J. Austin III", "PER"),
            ("NATO", "ORG"),
        ])
    );
}

#[test]
fn places_after_prepositions_and_particles_in_names() {
    assert_eq!(
        found("Les combats dans le Donbass et près de Pokrovsk. Ursula von der Leyen a parlé."),
        pairs(&[
            ("Donbass", "LOC"),
            ("Pokrovsk", "LOC"),
            ("Ursula von der Leyen", "PER")
        ])
    );
}

#[test]
fn author_suffixes_are_not_part_of_the_name() {
    let author = "SILVANO TROTTA OFFICIEL";
    let (s, e) = author_name_span(author).expect("a name");
    assert_eq!(&author[s..e], "SILVANO TROTTA");
}

#[test]
fn offsets_are_code_points_on_character_boundaries() {
    let text = "« Ça va », dit Youri Podoliaka à Moscou — 🇺🇦 Kyiv";
    for m in recognize(text, &knowledge()) {
        let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(slice, m.text);
    }
}
