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
    // A nationality before a title, within a sentence, goes with the title.
    let people: Vec<String> = recognize(
        "The envoy told Russian President Vladimir Putin to help.",
        Knowledge::builtin(),
    )
    .into_iter()
    .map(|m| m.text)
    .collect();
    assert_eq!(people, ["Vladimir Putin"]);
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

/// The people the built-in knowledge finds in `text`.
fn people(text: &str) -> Vec<String> {
    recognize(text, Knowledge::builtin())
        .into_iter()
        .filter(|m| m.label == Label::Person)
        .map(|m| m.text)
        .collect()
}

/// The entities the built-in knowledge finds in `text`, with their labels.
fn entities(text: &str) -> Vec<(String, &'static str)> {
    recognize(text, Knowledge::builtin())
        .into_iter()
        .map(|m| (m.text, m.label.code()))
        .collect()
}

/// Runs a table of (text, the entities it names with their labels).
fn check_entities(table: &[(&str, &[(&str, &'static str)])]) {
    for &(text, expected) in table {
        assert_eq!(entities(text), pairs(expected), "{text}");
    }
}

/// Runs a table of (text, the people it names) in French and English.
fn check_people(table: &[(&str, &[&str])]) {
    for &(text, expected) in table {
        assert_eq!(people(text), expected, "people of {text:?}");
    }
}

#[test]
fn an_unidentified_capitalised_word_is_no_person() {
    // Must not fire: nothing says these words are people.
    check_people(&[
        ("Le logiciel tourne sous Linux depuis des années.", &[]),
        ("Les manifestants sont revenus place Tahrir hier soir.", &[]),
        ("Selon Wikinews, la grève continue.", &[]),
        ("The update ships with Ubuntu and Debian next month.", &[]),
        ("Shares of Mazars fell sharply on Monday.", &[]),
    ]);
}

#[test]
fn a_verb_of_saying_or_a_given_name_makes_a_person() {
    // Fires on: a speaker ("X a déclaré", "X said") or a given name alone.
    check_people(&[
        (
            "Interrogé hier, Podoliaka a déclaré que la ville était tombée.",
            &["Podoliaka"],
        ),
        (
            "On Monday, Papadimos said the talks had failed.",
            &["Papadimos"],
        ),
        (
            "Pendant ce temps, Mathilde attendait devant la mairie.",
            &["Mathilde"],
        ),
    ]);
    // Must not fire: the verb belongs to another subject, or comes first.
    check_people(&[
        ("Le rapport de Febelfin, dit le ministre, est faux.", &[]),
        ("Avec Windows, dit l'expert, rien ne change.", &[]),
    ]);
}

#[test]
fn a_surname_that_is_also_a_given_name_stays_in_the_full_name() {
    check_people(&[
        (
            "Barack Obama et Mitt Romney concentraient leurs efforts.",
            &["Barack Obama", "Mitt Romney"],
        ),
        (
            "The Republican candidate Mitt Romney spoke.",
            &["Mitt Romney"],
        ),
    ]);
    // Must not fire on a nationality before a full name: it still splits off.
    check_people(&[(
        "La Polonaise Agnieszka Radwanska a gagné.",
        &["Agnieszka Radwanska"],
    )]);
}

#[test]
fn titles_of_works_are_no_entities() {
    let entities = |text: &str| -> Vec<String> {
        recognize(text, Knowledge::builtin())
            .into_iter()
            .filter(|m| m.label != Label::Date)
            .map(|m| m.text)
            .collect()
    };
    // Fires on: a title after "film", "novel", or in a list after "connu pour" / "known for".
    for text in [
        "Le film Skyfall est sorti.",
        "Il a écrit le scénario, connu pour Gladiator, Lincoln et Hugo.",
        "She is known for Gladiator and Lincoln.",
        "The novel Dune was adapted again.",
    ] {
        assert_eq!(entities(text), Vec::<String>::new(), "entities of {text:?}");
    }
    // Must not fire on a character's full name, nor on a name after an ordinary noun.
    assert_eq!(
        people("Le nouvel épisode de la série James Bond est sorti."),
        ["James Bond"]
    );
    assert_eq!(
        people("Le réalisateur du film, Sam Mendes, a déclaré être ravi."),
        ["Sam Mendes"]
    );
}

/// Each mention's text, label and confidence.
fn confidences(text: &str) -> Vec<(String, &'static str, Confidence)> {
    recognize(text, &knowledge())
        .into_iter()
        .map(|m| (m.text, m.label.code(), m.confidence))
        .collect()
}

#[test]
fn each_mention_is_as_sure_as_its_evidence() {
    use Confidence::{High, Low, Medium};
    // (text, mention, label, confidence): French and English.
    let table: &[(&str, &str, &str, Confidence)] = &[
        // A known name, a date, a patterned ministry: sure.
        (
            "Les soldats sont entrés en Ukraine hier.",
            "Ukraine",
            "LOC",
            High,
        ),
        ("Il a parlé lundi.", "lundi", "DATE", High),
        ("The soldiers reached Moscow.", "Moscow", "LOC", High),
        (
            "Le ministère russe de la Défense a parlé.",
            "ministère russe de la Défense",
            "ORG",
            High,
        ),
        // A given name and a surname, a role before the name: sure.
        (
            "Selon Oleksii Kovalenko, la ligne tient.",
            "Oleksii Kovalenko",
            "PER",
            High,
        ),
        (
            "Le blogueur Podoliaka écrit chaque jour.",
            "Podoliaka",
            "PER",
            High,
        ),
        ("President Biden spoke.", "Biden", "PER", High),
        // A verb of saying after an unknown word: one clue, medium.
        (
            "Hier, Zaloujny a déclaré que la ligne tenait.",
            "Zaloujny",
            "PER",
            Medium,
        ),
        (
            "On Monday, Zaluzhny said the line held.",
            "Zaluzhny",
            "PER",
            Medium,
        ),
        // A preposition before an unknown word: context alone, low.
        (
            "Les combats continuent près de Vouhledar.",
            "Vouhledar",
            "LOC",
            Low,
        ),
        ("Fighting went on in Vuhledar.", "Vuhledar", "LOC", Low),
    ];
    for &(text, mention, label, level) in table {
        let got = confidences(text);
        assert!(
            got.contains(&(mention.to_owned(), label, level)),
            "{text:?}: expected {mention:?} {label} {level:?}, got {got:?}"
        );
    }
}

/// The organisations found in `text` with the built-in gazetteers.
fn organisations(text: &str) -> Vec<String> {
    recognize(text, Knowledge::builtin())
        .into_iter()
        .filter(|m| m.label == Label::Organisation)
        .map(|m| m.text)
        .collect()
}

#[test]
fn lowercase_headed_french_organisations_are_found_whole() {
    // (text, the organisations it names): fires on, then must not fire on.
    let table: &[(&str, &[&str])] = &[
        (
            "La coordination nationale pour la défense des hôpitaux de proximité a manifesté.",
            &["coordination nationale pour la défense des hôpitaux de proximité"],
        ),
        (
            "Selon la confédération générale du travail, la grève continue.",
            &["confédération générale du travail"],
        ),
        (
            "La haute autorité de santé recommande le vaccin.",
            &["haute autorité de santé"],
        ),
        (
            "Un élu du parti socialiste a répondu au parti communiste chinois.",
            &["parti socialiste", "parti communiste chinois"],
        ),
        // A verb after the party is no nationality.
        (
            "Le parti écologiste pense qu'il s'agit de propos isolés.",
            &["parti écologiste"],
        ),
        // A head noun without a scope, or a party without an article, is a common noun.
        ("Le conseil municipal de la ville a voté.", &[]),
        ("Une commission d'enquête sera créée.", &[]),
        ("Il a fondé un parti socialiste en exil.", &[]),
        ("L'union des forces a échoué.", &[]),
        ("The national coordination for defence met.", &[]),
    ];
    for &(text, expected) in table {
        assert_eq!(organisations(text), expected, "{text:?}");
    }
}

#[test]
fn a_known_name_after_a_sentence_initial_article_is_found() {
    // Fires on: French and English. Must not fire on: the article alone, a common word.
    let table: &[(&str, &[&str])] = &[
        (
            "The House of Representatives voted.",
            &["House of Representatives"],
        ),
        (
            "La Chambre des représentants a voté.",
            &["Chambre des représentants"],
        ),
        ("The House voted.", &[]),
        ("La Chambre a voté.", &[]),
    ];
    for &(text, expected) in table {
        assert_eq!(organisations(text), expected, "{text:?}");
    }
}

#[test]
fn an_unknown_name_then_a_country_is_an_institution() {
    // (text, mention, label): fires on, in French and English; must not fire on a person, a
    // known place, a name with a given name first.
    let table: &[(&str, &str, &str)] = &[
        (
            "Il n'investit pas, contrairement à Wikimedia Deutschland qui est soutenue.",
            "Wikimedia Deutschland",
            "ORG",
        ),
        (
            "Wikimedia Deutschland said the project would go on.",
            "Wikimedia Deutschland",
            "ORG",
        ),
        ("Angela Merkel a parlé à Berlin.", "Angela Merkel", "PER"),
        ("Angela Merkel a parlé à Berlin.", "Berlin", "LOC"),
        // A known place first: still a place.
        (
            "Il est allé à Berlin Deutschland.",
            "Berlin Deutschland",
            "LOC",
        ),
    ];
    for &(text, mention, label) in table {
        let got = found_builtin(text);
        assert!(
            got.contains(&(mention.to_owned(), label)),
            "{text:?}: expected {mention:?} {label}, got {got:?}"
        );
    }
}

#[test]
fn a_name_with_a_year_in_parentheses_is_a_title() {
    // (text, what is no entity, what still is): fires on French and English titles; must
    // not fire on a life's range, a known place, a name with no year.
    let table: &[(&str, &str, Option<&str>)] = &[
        (
            "Le film approche Harry Potter et les reliques de la mort, partie 2 (2011) en France.",
            "Harry Potter",
            Some("France"),
        ),
        (
            "He liked Skyfall (2012) more than Moscow.",
            "Skyfall",
            Some("Moscow"),
        ),
        (
            "Le sculpteur Jean Dupont (1950-2020) vivait à Koursk.",
            "",
            Some("Jean Dupont"),
        ),
        ("Les Jeux de Paris (2024) ont eu lieu.", "", Some("Paris")),
        ("Harry Potter a parlé.", "", Some("Harry Potter")),
    ];
    for &(text, not, still) in table {
        let got: Vec<String> = recognize(text, Knowledge::builtin())
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert!(
            not.is_empty() || !got.iter().any(|m| m == not),
            "{text:?}: {got:?}"
        );
        if let Some(still) = still {
            assert!(got.iter().any(|m| m == still), "{text:?}: {got:?}");
        }
    }
}

/// Labelled mentions of `text` with the built-in knowledge.
fn found_builtin(text: &str) -> Vec<(String, &'static str)> {
    recognize(text, Knowledge::builtin())
        .into_iter()
        .map(|m| (m.text, m.label.code()))
        .collect()
}

#[test]
fn a_title_that_is_also_a_given_name_stays_out_of_the_name() {
    // "Judge", "Justice" and "Chief" are given names in the gazetteer, and titles here.
    for (text, name) in [
        (
            "The case went to District Judge Victor Marrero last week.",
            "Victor Marrero",
        ),
        (
            "Chief Justice John G. Roberts read the oath.",
            "John G. Roberts",
        ),
        (
            "Le juge Amy Berman Jackson a tranché.",
            "Amy Berman Jackson",
        ),
    ] {
        let got = found_builtin(text);
        assert!(got.contains(&(name.to_owned(), "PER")), "{text:?}: {got:?}");
        assert!(
            !got.iter()
                .any(|(m, _)| m.starts_with("Judge") || m.starts_with("Justice")),
            "{text:?}: {got:?}"
        );
    }
}

#[test]
fn a_name_ending_with_an_organisation_noun_is_no_person() {
    for (text, org) in [
        (
            "The Justice Department declined to comment.",
            "Justice Department",
        ),
        (
            "He once led the General Services Administration's office.",
            "General Services Administration",
        ),
        (
            "She founded Miller Construction in 1990.",
            "Miller Construction",
        ),
        ("Le vol était assuré par Dana Air depuis Abuja.", "Dana Air"),
    ] {
        let got = found_builtin(text);
        assert!(got.contains(&(org.to_owned(), "ORG")), "{text:?}: {got:?}");
        assert!(!got.iter().any(|(_, l)| *l == "PER"), "{text:?}: {got:?}");
    }
    // A known name is not cut to make a person of its end.
    let got = found_builtin("A New York State court heard it.");
    assert!(!got.iter().any(|(_, l)| *l == "PER"), "{got:?}");
}

#[test]
fn the_noun_before_a_name_says_what_it_names() {
    for (text, name, label) in [
        (
            "Shares of the retailer Ocado fell, and Ocado said it would cut jobs.",
            "Ocado",
            "ORG",
        ),
        ("Le groupe Lactalis a racheté l'usine.", "Lactalis", "ORG"),
        (
            "The carmaker Stellantis opened a plant.",
            "Stellantis",
            "ORG",
        ),
        (
            "Les fidèles se sont réunis à la mosquée Sidi Okba.",
            "Sidi Okba",
            "LOC",
        ),
    ] {
        let got = found_builtin(text);
        assert!(got.contains(&(name.to_owned(), label)), "{text:?}: {got:?}");
    }
}

#[test]
fn arabic_articles_joined_to_a_name_go_on_the_name() {
    for (text, name) in [
        (
            "Syrian President Bashar al-Assad spoke on television.",
            "Bashar al-Assad",
        ),
        (
            "Selon Rami Abd al-Rahman, le bilan s'alourdit.",
            "Rami Abd al-Rahman",
        ),
        (
            "President Abdel Fattah el-Sisi met the delegation.",
            "Abdel Fattah el-Sisi",
        ),
    ] {
        let got = found_builtin(text);
        assert!(got.contains(&(name.to_owned(), "PER")), "{text:?}: {got:?}");
    }
    // An article does not begin a name on its own.
    let got = found_builtin("the al-Qassam brigades and al-shabaab");
    assert!(!got.iter().any(|(_, l)| *l == "PER"), "{got:?}");
}

#[test]
fn an_organisation_before_a_title_is_kept() {
    for (text, org, person) in [
        (
            "A District Court Judge Victor Marrero ruled.",
            "District Court",
            "Victor Marrero",
        ),
        (
            "State Department Spokesperson Ned Price said so.",
            "State Department",
            "Ned Price",
        ),
    ] {
        let got = found_builtin(text);
        assert!(got.contains(&(org.to_owned(), "ORG")), "{text:?}: {got:?}");
        assert!(
            got.contains(&(person.to_owned(), "PER")),
            "{text:?}: {got:?}"
        );
    }
    // "Press" before "Secretary" is part of the title.
    let got = found_builtin("White House Press Secretary Sean Spicer said so.");
    assert!(!got.iter().any(|(m, _)| m.ends_with("Press")), "{got:?}");
}

#[test]
fn and_joins_an_organisation_s_complement_only() {
    let got = found_builtin("The Department of Health and Human Services agreed.");
    assert!(
        got.contains(&("Department of Health and Human Services".to_owned(), "ORG")),
        "{got:?}"
    );
    for (text, first, second) in [
        (
            "The Center for Plant Science and Center for Soil Health sued.",
            "Center for Plant Science",
            "Center for Soil Health",
        ),
        (
            "The Ministry of Defence and Russia agreed.",
            "Ministry of Defence",
            "Russia",
        ),
        (
            "Le ministère de la Défense et Moscou ont parlé.",
            "ministère de la Défense",
            "Moscou",
        ),
    ] {
        let got = found_builtin(text);
        let names: Vec<&str> = got.iter().map(|(m, _)| m.as_str()).collect();
        assert!(
            names.contains(&first) && names.contains(&second),
            "{text:?}: {got:?}"
        );
    }
    let got = found_builtin("Le ministère de la Culture et de la Communication a publié.");
    assert!(
        got.contains(&(
            "ministère de la Culture et de la Communication".to_owned(),
            "ORG"
        )),
        "{got:?}"
    );
}

#[test]
fn an_acronym_written_in_capitals_is_no_word() {
    // "UN" and "US" are words in lowercase ("un", "us"): in capitals they are names, at the
    // start of a sentence and before a title too.
    for (text, name, label) in [
        ("UN Secretary-General Ban Ki-moon said so.", "UN", "ORG"),
        ("The report reached the UN on Monday.", "UN", "ORG"),
        ("US Secretary of State Mike Pompeo said so.", "US", "LOC"),
        (
            "On Monday, United States President Donald Trump spoke.",
            "United States",
            "LOC",
        ),
    ] {
        let got = found_builtin(text);
        assert!(got.contains(&(name.to_owned(), label)), "{text:?}: {got:?}");
    }
    // A title alone stays out.
    let got = found_builtin("The Deputy Chief Economist spoke.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_division_s_noun_or_a_road_s_names_a_place() {
    for (text, place) in [
        (
            "Ils vivent dans le département du Cher, près de Bourges.",
            "Cher",
        ),
        ("Elle vit dans le département de l'Aube.", "Aube"),
        ("La ville de Florence a voté.", "Florence"),
        ("He grew up in the state of Maine.", "Maine"),
        ("Le camion roulait sur l'autoroute A7 vers le sud.", "A7"),
    ] {
        let got = found_builtin(text);
        assert!(
            got.contains(&(place.to_owned(), "LOC")),
            "{text:?}: {got:?}"
        );
    }
    // A letter and digits alone are no road: a rating, a strain.
    let got = found_builtin("La note est passée de A3 à Baa2, et la souche D8 circule.");
    assert!(!got.iter().any(|(m, _)| m == "A3" || m == "D8"), "{got:?}");
}

#[test]
fn a_nationality_is_no_part_of_a_person_and_no_person_of_its_own() {
    check_people(&[
        // After a French article, a nationality is set beside the name, even an unknown one.
        (
            "Le public voulait voir le Camerounais Jababbabes Grebabbab-Belobo sur scène.",
            &["Jababbabes Grebabbab-Belobo"],
        ),
        (
            "La voix du Malien Oumarou Kanazoé est montée.",
            &["Oumarou Kanazoé"],
        ),
        // A rare given name shaped as a nationality, before a lowercase word, is an adjective.
        (
            "On Wednesday, the German government said it would act.",
            &[],
        ),
        ("He met German officials in Berlin on Monday.", &[]),
        // A common given name stays a person; so does one that speaks.
        ("He met François yesterday in Paris.", &["François"]),
        ("Later German said he would stay.", &["German"]),
    ]);
    // Names whole that begin with a word shaped as a nationality keep it.
    for (text, name) in [
        (
            "Selon le président du Metropolitain Transportation Authority, rien.",
            "Metropolitain Transportation Authority",
        ),
        (
            "La crise s'aggrave dans la Nouvelle Démocratie.",
            "Nouvelle Démocratie",
        ),
        (
            "Avec le partenariat de la Gazette des Communes.",
            "Gazette des Communes",
        ),
    ] {
        let names: Vec<String> = recognize(text, Knowledge::builtin())
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert!(
            names.iter().any(|n| n == name),
            "{name:?} in {text:?}: {names:?}"
        );
    }
}

#[test]
fn a_frequent_given_name_begins_a_person_s_name_whatever_its_other_meanings() {
    // "Vladimir" is a Russian city and "Putin" a word of the dictionaries; "Marine" is the
    // navy; the given name makes the person. "Paris", a rare given name, stays the place.
    check_entities(&[
        (
            "Hier, Vladimir Poutine a dit non.",
            &[("Hier", "DATE"), ("Vladimir Poutine", "PER")],
        ),
        ("Then Vladimir Putin said no.", &[("Vladimir Putin", "PER")]),
        (
            "Si Marine Le Pen gagne, Marine Tondelier répondra.",
            &[("Marine Le Pen", "PER"), ("Marine Tondelier", "PER")],
        ),
        (
            "The Marine Corps said no, then Marine One landed.",
            &[("Marine Corps", "ORG"), ("Marine One", "ORG")],
        ),
        ("Le Paris Métro ferme.", &[("Paris Métro", "ORG")]),
        // Names of things with such a first word stay what they were.
        (
            "La Marine Nationale a intercepté un navire.",
            &[("Marine Nationale", "ORG")],
        ),
        (
            "He was awarded the Victoria Cross at Virginia Tech.",
            &[("Victoria Cross", "ORG"), ("Virginia Tech", "LOC")],
        ),
        (
            "Models came for Milan Fashion Week.",
            &[("Milan Fashion Week", "ORG")],
        ),
    ]);
}

#[test]
fn a_number_that_counts_ends_no_channel_s_name() {
    // "France 24", "Europe 1": a channel's name ends with a number, unless the number counts
    // something; then the name is the country's or the continent's.
    check_entities(&[
        (
            "En France 3 millions de logements sont vacants.",
            &[("France", "LOC")],
        ),
        ("In France 24 people were arrested.", &[("France", "LOC")]),
        ("La France 5e puissance mondiale ?", &[("France", "LOC")]),
        (
            "En France 2 000 postes seront supprimés.",
            &[("France", "LOC")],
        ),
        (
            "En France 2,5 millions de ménages, en Europe 1 sur 5.",
            &[("France", "LOC"), ("Europe", "LOC")],
        ),
        (
            "In Europe 1,000 people and in France 5 % of them.",
            &[("Europe", "LOC"), ("France", "LOC")],
        ),
        // The channels themselves.
        (
            "Selon France 24, la grève continue.",
            &[("France 24", "ORG")],
        ),
        (
            "France 2 a diffusé le reportage, puis Europe 1 à 20 heures.",
            &[("France 2", "ORG"), ("Europe 1", "ORG")],
        ),
        (
            "France 24 reported that the strike went on.",
            &[("France 24", "ORG")],
        ),
        // Followed by a possessive, punctuation, another channel, a time, a verb.
        (
            "France 24's correspondent spoke to Europe 1: « France 2 (France 3) ».",
            &[
                ("France 24", "ORG"),
                ("Europe 1", "ORG"),
                ("France 2", "ORG"),
                ("France 3", "ORG"),
            ],
        ),
        (
            "Sur France 2, France 3 et France 5, puis France 2 20h et France 24 points out.",
            &[
                ("France 2", "ORG"),
                ("France 3", "ORG"),
                ("France 5", "ORG"),
                ("France 2", "ORG"),
                ("France 24", "ORG"),
            ],
        ),
        (
            "He joined France 24 in 2010, France 2 sur son site.",
            &[("France 24", "ORG"), ("2010", "DATE"), ("France 2", "ORG")],
        ),
        (
            "Audiences : France 2 4,1 millions, Europe 1-JDD en tête.",
            &[("France 2", "ORG"), ("Europe 1", "ORG"), ("JDD", "ORG")],
        ),
    ]);
}

#[test]
fn codes_and_acronyms_are_no_people_and_a_medium_s_noun_names_an_organisation() {
    check_entities(&[
        // Acronyms only: an organisation's name if anything, never a person's.
        (
            "Des logiciels sous licence GNU GPL que chacun peut modifier.",
            &[("GNU GPL", "ORG")],
        ),
        // A code with digits is a product's or a rating's: no entity.
        (
            "Des rats nourris avec du maïs OGP NK603 pendant deux ans.",
            &[],
        ),
        ("Une note qui passe de A3 à Baa2 hier.", &[("hier", "DATE")]),
        // A release's label after its version's number is part of a product's name, and a
        // known name after it is still found.
        (
            "La version 12.04 LTS sort en avril, après la 11.10 Xfce, à Paris.",
            &[("avril", "DATE"), ("Paris", "LOC")],
        ),
        (
            "Ubuntu 12.04 LTS ships in April, after the 11.10 ZRX.",
            &[("April", "DATE")],
        ),
        // Not a name in other letters after a time written with a dot.
        (
            "At 10.30 Rishi Sunak will speak; le 12.04 Emmanuel Macron ira.",
            &[("Rishi Sunak", "PER"), ("Emmanuel Macron", "PER")],
        ),
        // The medium's noun before a name: "le site …" speaks, but is no person.
        (
            "La moyenne du site RealClearPolitics estime l'écart à deux points.",
            &[("RealClearPolitics", "ORG")],
        ),
        (
            "Un film diffusé sur la chaîne Histoire mardi.",
            &[("Histoire", "ORG"), ("mardi", "DATE")],
        ),
        // A name that begins with an acronym is an organisation's; so is a name after an
        // institution's noun, or with a newspaper's head noun in its own language.
        (
            "Les banques belges ING et BNP Paribas Fortis perdent.",
            &[("ING", "ORG"), ("BNP Paribas Fortis", "ORG")],
        ),
        (
            "Il est soigné à l'hôpital Sao Joao depuis lundi.",
            &[("Sao Joao", "ORG"), ("lundi", "DATE")],
        ),
        (
            "Selon la Gazeta Wyborcza, rien ne change.",
            &[("Gazeta Wyborcza", "ORG")],
        ),
        // A place's head noun after an unknown name in lowercase makes it a place.
        (
            "It is a city in the Ural region of Russia.",
            &[("Ural", "LOC"), ("Russia", "LOC")],
        ),
        // Roads and acronyms with digits stay.
        (
            "Il roule sur l'autoroute A20 vers Toulouse.",
            &[("A20", "LOC"), ("Toulouse", "LOC")],
        ),
        (
            "Le sommet du G7 à Biarritz.",
            &[("G7", "ORG"), ("Biarritz", "LOC")],
        ),
    ]);
}

#[test]
fn what_a_role_is_of_is_no_person() {
    check_people(&[
        ("Le maire de Figeac a parlé hier.", &[]),
        (
            "Sergey Aksyonov, appointed head of Crimea, spoke.",
            &["Sergey Aksyonov"],
        ),
        ("Le président du Zorblax a parlé.", &[]),
        // The role just before the name still makes a person.
        ("Le maire Podoliaka a parlé.", &["Podoliaka"]),
    ]);
}

#[test]
fn a_particle_after_a_title_begins_the_surname_and_a_product_is_no_entity() {
    check_people(&[
        (
            "Le 5 juillet 1962, le général De Gaulle proclamait l'indépendance.",
            &["De Gaulle"],
        ),
        ("Selon M. Le Pen, rien ne change.", &["Le Pen"]),
        ("Selon M. Des Rosiers, rien ne change.", &["Des Rosiers"]),
        // Particles inside a name do not make it too long for a person's.
        (
            "Hier, Zine El Abidine Ben Ali a quitté Tunis.",
            &["Zine El Abidine Ben Ali"],
        ),
        ("Later Cde Mugabe spoke to the crowd.", &["Mugabe"]),
        // A product, a programme or an operation after its noun is no entity; nor is a
        // name given in quotes after a verb of naming or a version's number.
        (
            "Une fois prêt, le système Galileo garantira l'autonomie.",
            &[],
        ),
        ("Baptisé « Quantal Quetzal », le système sort jeudi.", &[]),
        (
            "La prochaine version, la 13.04 « Raring Ringtail », sortira en avril.",
            &[],
        ),
        ("The plan, dubbed “Warp Speed”, began.", &[]),
    ]);
    let names: Vec<String> = recognize(
        "L'opération Barkhane continue au Mali.",
        Knowledge::builtin(),
    )
    .into_iter()
    .map(|m| m.text)
    .collect();
    assert_eq!(names, ["Mali"]);
    // A work named so once is the same work elsewhere in the article.
    let texts = [
        "Le système Galileo garantira l'autonomie des satellites.",
        "Ce lancement est un grand pas en avant pour Galileo.",
    ];
    let found = recognize_all(&texts, Knowledge::builtin());
    assert!(found.iter().all(Vec::is_empty), "{found:?}");
}

#[test]
fn a_title_after_an_organisation_is_cut_off_and_a_regime_is_no_place() {
    check_entities(&[
        (
            "Later the Senate Minority Leader, Chuck Schumer, disagreed.",
            &[("Senate", "ORG"), ("Chuck Schumer", "PER")],
        ),
        // A place before a title-like word stays whole: a newspaper.
        (
            "Selon The Hollywood Reporter, le film sort.",
            &[("Hollywood Reporter", "ORG")],
        ),
        ("Le gouvernement de la Ve République française tombe.", &[]),
    ]);
}

#[test]
fn a_common_noun_s_possessive_goes_on_the_name_a_name_s_does_not() {
    check_entities(&[
        (
            "Russia recognized the self-proclaimed Donetsk People's Republic on Monday.",
            &[
                ("Russia", "LOC"),
                ("Donetsk People's Republic", "LOC"),
                ("Monday", "DATE"),
            ],
        ),
        (
            "There was one MP of the People's Party of Canada.",
            &[("People's Party of Canada", "ORG")],
        ),
        (
            "Russia's Foreign Ministry said so.",
            &[("Russia", "LOC"), ("Foreign Ministry", "ORG")],
        ),
    ]);
}

#[test]
fn a_given_name_inside_or_four_uncommon_words_make_a_person() {
    check_people(&[
        // A given name inside makes a person's name even with a common word last.
        (
            "Tynice Nichole Hall was convicted on drug charges.",
            &["Tynice Nichole Hall"],
        ),
        // Four words with no common one are a person's name; with common words they are not.
        (
            "Il a rencontré Aung San Suu Kyi hier.",
            &["Aung San Suu Kyi"],
        ),
        ("She went to the Acute Primary Care Centre yesterday.", &[]),
    ]);
}

#[test]
fn an_organisation_named_after_a_couple_is_one_name() {
    assert_eq!(
        found_builtin("The grant came from the Gordon and Betty Moore Foundation last year."),
        pairs(&[("Gordon and Betty Moore Foundation", "ORG")])
    );
    assert_eq!(
        found_builtin("The grant came from the Bill & Melinda Gates Foundation last year."),
        pairs(&[("Bill & Melinda Gates Foundation", "ORG")])
    );
    // Two people: no organisation.
    assert_eq!(
        found_builtin("The grant was given by Gordon and Betty Moore last year."),
        pairs(&[("Gordon", "PER"), ("Betty Moore", "PER")])
    );
}

#[test]
fn america_is_the_united_states_and_no_given_name_in_a_slogan() {
    assert_eq!(
        found_builtin("He flew back to America last week."),
        pairs(&[("America", "LOC")])
    );
    // "America" is also a given name: a slogan that begins with it is no person.
    assert!(
        found_builtin("A rally organized by Women for America First took place.")
            .iter()
            .all(|(_, label)| *label != "PER")
    );
}

#[test]
fn for_joins_ordinary_words_to_an_organisation_s_name() {
    assert_eq!(
        found_builtin("He was flown out by the charity Cinema for Peace Foundation."),
        pairs(&[("Cinema for Peace Foundation", "ORG")])
    );
    // At the start of a sentence too: the connector holds the first word in the name.
    assert_eq!(
        found_builtin("Cinema for Peace Foundation paid for the flight."),
        pairs(&[("Cinema for Peace Foundation", "ORG")])
    );
    assert_eq!(
        found_builtin("Front de Libération Nationale fut fondé en Algérie."),
        pairs(&[("Front de Libération Nationale", "ORG"), ("Algérie", "LOC")])
    );
}

#[test]
fn a_compound_of_common_words_after_an_elided_article_is_no_organisation() {
    assert_eq!(
        found_builtin("Ils sont dans l'Ohio, l'Etat-clé de l'élection."),
        pairs(&[("Ohio", "LOC")])
    );
    // An unknown name after the same article is still an organisation.
    assert_eq!(
        found_builtin("Selon l'Inrap, le site est riche."),
        pairs(&[("Inrap", "ORG")])
    );
}

#[test]
fn a_lone_name_nothing_types_is_left_to_the_corpus() {
    let lone = |text: &str| -> Vec<String> {
        recognize_all(&[text], Knowledge::builtin())
            .remove(0)
            .into_iter()
            .filter(|m| m.lone)
            .inspect(|m| assert_eq!((m.label, m.confidence), (Label::Person, Confidence::Low)))
            .map(|m| m.text)
            .collect()
    };
    assert_eq!(
        lone("La rencontre entre Poutine et Kowalczyk a été annulée."),
        ["Poutine", "Kowalczyk"]
    );
    // At the start of a sentence every word is capitalised: a common word is a name there only
    // before a verb of saying ("Putin" is in English dictionaries).
    assert_eq!(lone("Putin said the talks would go on."), ["Putin"]);
    assert!(lone("Brown leaves fell on the road.").is_empty());
    assert!(
        lone("Banks said the rates would rise.").is_empty(),
        "a plural"
    );
    // Typed names, acronyms and short words are not lone names.
    assert!(lone("Le président Zelensky a parlé à Kiev.").is_empty());
    assert!(lone("La rencontre avec XYZW a eu lieu.").is_empty());
    // Alone, a text has no corpus to tell what a lone name is: `recognize` leaves them out.
    assert!(
        recognize(
            "La rencontre entre Poutine et Kowalczyk a été annulée.",
            Knowledge::builtin()
        )
        .is_empty()
    );
}

#[test]
fn a_given_name_then_de_and_a_name_is_one_person_but_not_before_a_country() {
    for (text, expected) in [
        (
            "Le général Charles de Gaulle parle.",
            vec![("Charles de Gaulle", "PER")],
        ),
        (
            "Dominique de Villepin a critiqué le plan.",
            vec![("Dominique de Villepin", "PER")],
        ),
        (
            "Le skipper Bertrand de Broc a abandonné.",
            vec![("Bertrand de Broc", "PER")],
        ),
        (
            "Valéry Giscard d'Estaing a parlé.",
            vec![("Valéry Giscard d'Estaing", "PER")],
        ),
        ("Marie de France arrive.", vec![("France", "LOC")]),
        // After a capitalised word that opens the sentence.
        (
            "Selon Pierre de Coubertin, le sport compte.",
            vec![("Pierre de Coubertin", "PER")],
        ),
        (
            "Le maire de Paris, Anne Hidalgo, parle.",
            vec![("Paris", "LOC"), ("Anne Hidalgo", "PER")],
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn a_book_is_no_person_and_a_memorial_is_a_place() {
    for (text, expected) in [
        ("He took his oath on the Lincoln Bible.", vec![]),
        // A race and an award; the newspapers are known by name.
        ("Il a pris le départ du Vendée Globe.", vec![]),
        ("She won a Golden Globe.", vec![]),
        (
            "The Boston Globe reported it.",
            vec![("Boston Globe", "ORG")],
        ),
        (
            "They met at the Lincoln Memorial.",
            vec![("Lincoln Memorial", "LOC")],
        ),
        (
            "Le Mémorial de Caen a rouvert.",
            vec![("Mémorial de Caen", "LOC")],
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn religions_and_doctrines_are_not_entities() {
    for (text, expected) in [
        (
            "The man had converted to Islam in Nepal.",
            vec![("Nepal", "LOC")],
        ),
        ("Critics of Buddhism and Marxism spoke.", vec![]),
        (
            "Il s'est converti à l'Islam à Paris.",
            vec![("Paris", "LOC")],
        ),
        ("Le Gaullisme et le Christianisme.", vec![]),
        // A person's surname stays one.
        (
            "Saiful Islam was arrested. Then Mr Islam told reporters he was innocent.",
            vec![("Saiful Islam", "PER"), ("Islam", "PER")],
        ),
        (
            "Islam Makhachev retained his title. Then Mr Islam thanked his team.",
            vec![("Islam Makhachev", "PER"), ("Islam", "PER")],
        ),
        // A person who bears the name keeps it.
        (
            "Islam Makhachev won in Abu Dhabi.",
            vec![("Islam Makhachev", "PER"), ("Abu Dhabi", "LOC")],
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn an_organisation_named_of_its_members() {
    for (text, expected) in [
        (
            "According to the National Conference of State Legislatures, the primary is soon.",
            vec![("National Conference of State Legislatures", "ORG")],
        ),
        (
            "The Federation of Hungarian Associations met.",
            vec![("Federation of Hungarian Associations", "ORG")],
        ),
        // A title stays a title; a plural or a known name is no organisation's first words.
        ("The Member of Parliament spoke.", vec![]),
        ("The speech went to the Clerk of Parliament.", vec![]),
        ("Most of Congress voted no.", vec![("Congress", "ORG")]),
        (
            "Civil Society Organisations in Nigeria protested.",
            vec![("Nigeria", "LOC")],
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn an_unknown_name_in_a_list_of_organisations_or_places_is_one_too() {
    for (text, expected) in [
        (
            "Avec le partenariat du Monde, de Zorbarama, du Journal des Arts et de France Culture.",
            vec![
                ("Monde", "ORG"),
                ("Zorbarama", "ORG"),
                ("Journal des Arts", "ORG"),
                ("France Culture", "ORG"),
            ],
        ),
        (
            "Workers at Google, Apple, Zorbacorp and Microsoft protested.",
            vec![
                ("Google", "ORG"),
                ("Apple", "ORG"),
                ("Zorbacorp", "ORG"),
                ("Microsoft", "ORG"),
            ],
        ),
        (
            "L'exposition a été vue à Milan, Zorbaville, Barcelone et Londres.",
            vec![
                ("Milan", "LOC"),
                ("Zorbaville", "LOC"),
                ("Barcelone", "LOC"),
                ("Londres", "LOC"),
            ],
        ),
        (
            "Les banques que sont Zorbfius, ING, KBC et AXA ont payé.",
            vec![
                ("Zorbfius", "ORG"),
                ("ING", "ORG"),
                ("KBC", "ORG"),
                ("AXA", "ORG"),
            ],
        ),
        // A list's ends are where other things stand: a person after it, the speaker of the
        // next clause, its last item; nor is a people's name a place.
        (
            "Speaking in Warsaw, Vilnius and Riga, Zorbatte warned Russia.",
            vec![
                ("Warsaw", "LOC"),
                ("Vilnius", "LOC"),
                ("Riga", "LOC"),
                ("Zorbatte", "PER"),
                ("Russia", "LOC"),
            ],
        ),
        (
            "Offices in London, Paris and Berlin, and Zorbalczyk says so.",
            vec![
                ("London", "LOC"),
                ("Paris", "LOC"),
                ("Berlin", "LOC"),
                ("Zorbalczyk", "PER"),
            ],
        ),
        (
            "La motion a été soutenue par LFI, le RN et Zorbiotti.",
            vec![("LFI", "ORG"), ("RN", "ORG")],
        ),
        (
            "Des réfugiés de Syrie, d'Irak, des Rohingyas et d'Afghanistan.",
            vec![("Syrie", "LOC"), ("Irak", "LOC"), ("Afghanistan", "LOC")],
        ),
        // Two names are no list; a list of people is left to the linker; a common word
        // stays out.
        ("Avec Google et Zorbacorp.", vec![("Google", "ORG")]),
        (
            "La Commission européenne, la Banque mondiale et le Fond sont là.",
            vec![("Commission européenne", "ORG"), ("Banque mondiale", "ORG")],
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn an_acronym_in_capitals_is_the_acronym_before_a_town_of_that_name() {
    // The gazetteer knows a town "Oas" and the organisation "OAS".
    assert_eq!(
        found_builtin("Tout le monde a cru que c'était l'OAS qui tirait."),
        pairs(&[("OAS", "ORG")])
    );
}

#[test]
fn a_compound_adjective_is_no_name() {
    for (text, expected) in [
        (
            "Neighbouring Muslim-majority African countries have cited security.",
            vec![],
        ),
        ("In a Muslim-majority country, they voted.", vec![]),
        // A head noun at the end keeps the name whole.
        (
            "The Co-operative Commonwealth Federation won.",
            vec![("Co-operative Commonwealth Federation", "ORG")],
        ),
        (
            "He lives in Aulnay-sous-Bois.",
            vec![("Aulnay-sous-Bois", "LOC")],
        ),
        // Names written with a lowercase part are names.
        (
            "Le maire de Boulogne-sur-mer a parlé.",
            vec![("Boulogne-sur-mer", "LOC")],
        ),
        (
            "Jean-pierre Raffarin est venu.",
            vec![("Jean-pierre Raffarin", "PER")],
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn former_states_are_places() {
    // "Union" heads organisations' names: the Soviet Union was one.
    assert_eq!(
        found_builtin("Novichok was developed by the Soviet Union. The USSR collapsed."),
        pairs(&[("Soviet Union", "LOC"), ("USSR", "LOC")])
    );
    assert_eq!(
        found_builtin("La RDA et la Yougoslavie ont disparu."),
        pairs(&[("RDA", "LOC"), ("Yougoslavie", "LOC")])
    );
}

#[test]
fn armed_groups_of_the_sahel_are_organisations() {
    // "Ansar" is also a given name: the group was a person.
    assert_eq!(
        found_builtin(
            "Les islamistes d'Ansar Eddine, alliés d'Aqmi et du Mujao, ont repris leurs actes."
        ),
        pairs(&[("Ansar Eddine", "ORG"), ("Aqmi", "ORG"), ("Mujao", "ORG")])
    );
}

#[test]
fn a_without_its_accent_is_no_place_cue() {
    // The English article and the French verb fold as "à" does.
    assert_eq!(found("Ubuntu is a Linux distribution."), pairs(&[]));
    assert_eq!(found("Il a Zorbatel depuis longtemps."), pairs(&[]));
    assert_eq!(found("Il vit à Zorbatel."), pairs(&[("Zorbatel", "LOC")]));
    // French writes "A" for "À" at the start of a sentence.
    assert_eq!(
        found("A Zorbatel, les combats continuent."),
        pairs(&[("Zorbatel", "LOC")])
    );
}

#[test]
fn a_company_called_by_its_short_name_stays_a_company() {
    let got = found_builtin(
        "Denmark-based retailer Salling Group bought the stores. Later Salling said it would keep them.",
    );
    assert!(got.contains(&("Salling".to_owned(), "ORG")), "{got:?}");
    assert!(!got.iter().any(|(_, l)| *l == "PER"), "{got:?}");
    // The head noun may come first, as in French.
    let got = found_builtin(
        "Le Groupe Zorbatel rachète les magasins. Ensuite, Zorbatel a annoncé une hausse.",
    );
    assert!(got.contains(&("Zorbatel".to_owned(), "ORG")), "{got:?}");
    // And a country's branch ("Netto Poland", "Wikimédia France") by the name it has elsewhere.
    let got = found_builtin(
        "L'association Wikimédia France s'investit. Le projet met en présence Wikimédia et les classes.",
    );
    assert!(got.contains(&("Wikimédia".to_owned(), "ORG")), "{got:?}");
    // A person's surname stays the person's, whatever company bears it.
    let got = found_builtin(
        "Donald Trump spoke. The Trump Group denied it, and later Trump said nothing.",
    );
    assert!(got.contains(&("Trump".to_owned(), "PER")), "{got:?}");
    // A given name is most often a person's; a foundation bears a person's name.
    for text in [
        "The Jackson Group bought the hotel. Later Jackson said he would expand.",
        "The Zorbatel Foundation funded the group. Later Zorbatel denied any role.",
    ] {
        let got = found_builtin(text);
        assert!(
            !got.iter().any(|(t, l)| !t.contains(' ') && *l == "ORG"),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn an_unknown_name_after_de_is_a_place_only_after_a_noun_of_places() {
    for (text, expected) in [
        (
            "Il habite près de Zorbatel depuis.",
            vec![("Zorbatel", "LOC")],
        ),
        (
            "La maternité de Zorbatel a fermé.",
            vec![("Zorbatel", "LOC")],
        ),
        (
            "Il vit dans la banlieue très peuplée de Zorbatel.",
            vec![("Zorbatel", "LOC")],
        ),
        ("À l'est de Zorbatel, rien.", vec![("Zorbatel", "LOC")]),
        ("The mayor of Zorbatel spoke.", vec![("Zorbatel", "LOC")]),
        ("Un article de Zorbatel est paru.", vec![]),
        ("Il admire les toiles de Zorbatel au musée.", vec![]),
        ("Son nom est celui de Zorbatel.", vec![]),
        ("La base de données de Zorbatel grandit.", vec![]),
        ("The release of Zorbatel was delayed.", vec![]),
    ] {
        assert_eq!(found(text), pairs(&expected), "{text}");
    }
}

#[test]
fn a_legal_form_inside_a_name_makes_no_organisation() {
    let got = found_builtin("Le chef rebelle Iyad Ag Ghaly a parlé à Kidal.");
    assert!(
        got.contains(&("Iyad Ag Ghaly".to_owned(), "PER")),
        "{got:?}"
    );
    let got = found_builtin("Le groupe allemand Siemens AG a annoncé une hausse.");
    assert!(got.contains(&("Siemens AG".to_owned(), "ORG")), "{got:?}");
}

#[test]
fn a_name_beginning_with_le_is_found_after_du_and_au() {
    for (text, expected) in [
        (
            "Selon un article du Monde, rien ne change.",
            vec![("Monde", "ORG")],
        ),
        ("Le match du Havre est reporté.", vec![("Havre", "LOC")]),
        ("Il vit au Mans depuis longtemps.", vec![("Mans", "LOC")]),
        // Inside a longer name, or as a common word, it is no entity.
        ("Il regarde la finale de la Coupe du Monde.", vec![]),
        ("Le tour du monde commence.", vec![]),
    ] {
        assert_eq!(found_builtin(text), pairs(&expected), "{text}");
    }
}

#[test]
fn a_scientists_trade_is_a_role_before_a_name() {
    assert_eq!(
        found_builtin("Ecologist Zorba Kalinov of the university agreed."),
        pairs(&[("Zorba Kalinov", "PER")])
    );
    assert_eq!(
        found_builtin("Le politologue Kalinov a parlé."),
        pairs(&[("Kalinov", "PER")])
    );
}

#[test]
fn an_unknown_name_after_de_and_an_article_needs_a_noun_of_places_too() {
    assert_eq!(
        found("Les ténors de la Zorbatel votent contre."),
        pairs(&[])
    );
    assert_eq!(
        found("La région de la Zorbatel est bombardée."),
        pairs(&[("Zorbatel", "LOC")])
    );
}

#[test]
fn a_known_name_after_a_word_opening_the_sentence_is_found_whole() {
    for (text, expected) in [
        // The run of capitalised words "Selon France" left the channel's number out.
        (
            "Selon France 24, les combats continuent.",
            ("France 24", "ORG"),
        ),
        (
            "Selon France 2 les combats continuent.",
            ("France 2", "ORG"),
        ),
        // The function word that begins a known name stays in it.
        ("En Marche a gagné la ville.", ("En Marche", "ORG")),
        (
            "For Human Rights Watch, this is a crime.",
            ("Human Rights Watch", "ORG"),
        ),
    ] {
        assert_eq!(found_builtin(text), pairs(&[expected]), "{text}");
    }
}

#[test]
fn a_french_institution_is_its_capitalised_head_noun_its_adjectives_and_complements() {
    // French writes an institution's name with one capital: the head noun, its adjectives,
    // then complements of lowercase nouns; not one that says whose it is.
    check_entities(&[
        (
            "La Cour constitutionnelle a procédé vendredi à un revirement.",
            &[("Cour constitutionnelle", "ORG"), ("vendredi", "DATE")],
        ),
        (
            "Le Parquet fédéral annonce que la Fédération belge du secteur financier a réagi.",
            &[
                ("Parquet fédéral", "ORG"),
                ("Fédération belge du secteur financier", "ORG"),
            ],
        ),
        (
            "Selon l’Observatoire syrien des droits de l'homme, dix morts.",
            &[("Observatoire syrien des droits de l'homme", "ORG")],
        ),
        (
            "Il parle devant la Mutualité française réunie à Nice.",
            &[("Mutualité française", "ORG"), ("Nice", "LOC")],
        ),
        // A known place ends the name and is inside it.
        (
            "Le Tribunal correctionnel de Paris et la Banque centrale du Japon ont tranché.",
            &[
                ("Tribunal correctionnel de Paris", "ORG"),
                ("Banque centrale du Japon", "ORG"),
            ],
        ),
        // Not a verb with an adjective's ending, an adverb or an infinitive after "de", an
        // adjective that says which one, a head without an adjective, a nationality with a
        // head that is no name, or hier.
        (
            "La Commission considère que le Parquet indique le contraire.",
            &[],
        ),
        (
            "La Cour constitutionnelle de nouveau saisie demande à la Commission électorale de publier.",
            &[
                ("Cour constitutionnelle", "ORG"),
                ("Commission électorale", "ORG"),
            ],
        ),
        ("Le Conseil actuel et le Parti majoritaire ont voté.", &[]),
        ("Le Conseil a voté hier.", &[("hier", "DATE")]),
        ("Le Gouvernement français a décidé.", &[]),
        ("La Commission chargée de l'enquête a conclu.", &[]),
        (
            "La Banque centrale hier a relevé ses taux.",
            &[("Banque centrale", "ORG"), ("hier", "DATE")],
        ),
    ]);
}

#[test]
fn a_name_after_the_arabic_article_in_lowercase_is_a_name() {
    // "al-Qaeda", "al-Jazeera": the article stays in lowercase, the name has its capital.
    check_entities(&[
        (
            "The loss deprives al-Qaeda of leadership; fighters from al-Shabaab attacked.",
            &[("al-Qaeda", "ORG"), ("al-Shabaab", "ORG")],
        ),
        ("He spoke on al-Jazeera.", &[("al-Jazeera", "ORG")]),
        (
            "President Bashar al-Assad met the envoy. Later, al-Assad said no.",
            &[("Bashar al-Assad", "PER"), ("al-Assad", "PER")],
        ),
        // Not a word that merely begins so.
        ("The as-yet unnamed group met an-other day.", &[]),
    ]);
}

#[test]
fn a_capital_inside_an_unknown_word_makes_an_organisation() {
    // "PolitiFact", "HomePlus", "UOKiK": brands and agencies; not a surname after its prefix
    // ("DeSantis", "McCarthy"), nor a given name ("JoAnne").
    check_entities(&[
        (
            "An investigation by PolitiFact found it false, and UOKiK approved HomePlus.",
            &[("PolitiFact", "ORG"), ("UOKiK", "ORG"), ("HomePlus", "ORG")],
        ),
        (
            "Ron DeSantis met MacKenzie Scott. DeSantis said no.",
            &[
                ("Ron DeSantis", "PER"),
                ("MacKenzie Scott", "PER"),
                ("DeSantis", "PER"),
            ],
        ),
        ("JoAnne said hi.", &[]),
    ]);
}

#[test]
fn a_site_named_by_its_domain_is_an_organisation() {
    check_entities(&[
        (
            "One news site, Znak.com, said so, and Portfolio.hu agreed.",
            &[("Znak.com", "ORG"), ("Portfolio.hu", "ORG")],
        ),
        // A sentence's end is no domain.
        (
            "He went to Paris. Com officials said no.",
            &[("Paris", "LOC")],
        ),
    ]);
}

#[test]
fn a_name_followed_by_its_acronym_is_one_organisation() {
    check_entities(&[
        // Not the place inside it.
        (
            "According to Notes from Poland (NFP), stores cut prices.",
            &[("Notes from Poland", "ORG"), ("NFP", "ORG")],
        ),
        (
            "L'Association des leaders religieux du Mali (ALRM) a condamné l'attaque.",
            &[
                ("Association des leaders religieux du Mali", "ORG"),
                ("ALRM", "ORG"),
            ],
        ),
        (
            "Le Musée des beaux-arts de Montréal (MBAM) accueille l'exposition.",
            &[("Musée des beaux-arts de Montréal", "ORG"), ("MBAM", "ORG")],
        ),
        // Must not fire: a known place, a person, initials that are not the name's, a name
        // cut by a date, two letters.
        (
            "The Democratic Republic of the Congo (DRC) voted.",
            &[("Democratic Republic of the Congo", "LOC"), ("DRC", "LOC")],
        ),
        (
            "John Fitzgerald Kennedy (JFK) was shot.",
            &[("John Fitzgerald Kennedy", "PER"), ("JFK", "ORG")],
        ),
        (
            "Shares of the group fell in Poland (WSE) on Monday.",
            &[("Poland", "LOC"), ("WSE", "ORG"), ("Monday", "DATE")],
        ),
        (
            "Elle vit à Paris (FR) depuis 2010.",
            &[("Paris", "LOC"), ("2010", "DATE")],
        ),
        // The acronym first, the name in parentheses.
        (
            "The NUJ (National Union of Journalists) condemned the raid.",
            &[("NUJ", "ORG"), ("National Union of Journalists", "ORG")],
        ),
        // A French name in lowercase after an organisation's head noun.
        (
            "L'Autorité des marchés financiers (AMF) a sanctionné la banque.",
            &[("Autorité des marchés financiers", "ORG"), ("AMF", "ORG")],
        ),
        // Things, not organisations: an indicator, a law, a job; a country.
        (
            "Le produit intérieur brut (PIB) de la Chine recule.",
            &[("Chine", "LOC")],
        ),
        (
            "Under the Digital Services Act (DSA), the Chief Executive Officer (CEO) must reply.",
            &[("DSA", "ORG")],
        ),
        (
            "Democratic Republic of Congo (DRC) troops crossed the border.",
            &[("Republic of Congo", "LOC"), ("DRC", "LOC")],
        ),
    ]);
}

#[test]
fn a_department_named_by_a_common_word_counts_after_an_article() {
    // French départements: found whole, and by their context when their name is a common word
    // ("var", "cher", "somme"), a given name ("Aude") or a compass point ("Nord").
    check_entities(&[
        (
            "Météo-France place cet après-midi la Corse et le Var en vigilance orange.",
            &[("Météo-France", "ORG"), ("Corse", "LOC"), ("Var", "LOC")],
        ),
        ("Dans le Var, les rafales ont soufflé.", &[("Var", "LOC")]),
        (
            "En Corse, les pompiers sont mobilisés.",
            &[("Corse", "LOC")],
        ),
        (
            "Un incendie dans le Cher, des crues dans la Somme et la Marne.",
            &[("Cher", "LOC"), ("Somme", "LOC"), ("Marne", "LOC")],
        ),
        (
            "Dans l'Orne et l'Aube, en Haute-Savoie et dans les Landes.",
            &[
                ("Orne", "LOC"),
                ("Aube", "LOC"),
                ("Haute-Savoie", "LOC"),
                ("Landes", "LOC"),
            ],
        ),
        ("La Creuse perd des habitants.", &[("Creuse", "LOC")]),
        ("Le Nord a été placé en vigilance.", &[("Nord", "LOC")]),
        (
            "Un homme a été interpellé à Roubaix (Nord).",
            &[("Roubaix", "LOC"), ("Nord", "LOC")],
        ),
        // The same words in lowercase, or a direction, are no place.
        ("Les pêcheurs partent à l'aube. Il creuse un trou.", &[]),
        ("Le Nord du pays est tenu par les rebelles.", &[]),
        ("Le camion roulait vers le Nord.", &[]),
        (
            "L'armée du Nord et l'Est de l'Ukraine.",
            &[("Ukraine", "LOC")],
        ),
        ("Cher ami, je vous écris.", &[]),
    ]);
}

#[test]
fn a_seat_of_power_is_the_institution_unless_a_place_is_meant() {
    // The institution: the subject of a verb, a noun's modifier, a complement.
    check_entities(&[
        (
            "The White House said the talks would resume.",
            &[("White House", "ORG")],
        ),
        (
            "White House officials and a Downing Street spokesman declined to comment.",
            &[("White House", "ORG"), ("Downing Street", "ORG")],
        ),
        (
            "According to the White House, sources close to Downing Street agreed.",
            &[("White House", "ORG"), ("Downing Street", "ORG")],
        ),
        // The occupant's name apart ("Biden" alone is a lone name, for the corpus to type).
        (
            "The Biden White House pushed back.",
            &[("White House", "ORG")],
        ),
        (
            "La Maison-Blanche a réagi, et un porte-parole de la Maison Blanche a démenti.",
            &[("Maison-Blanche", "ORG"), ("Maison Blanche", "ORG")],
        ),
        (
            "L’Élysée a confirmé, Matignon a démenti et le Quai d'Orsay a convoqué l'ambassadeur.",
            &[
                ("Élysée", "ORG"),
                ("Matignon", "ORG"),
                ("Quai d'Orsay", "ORG"),
            ],
        ),
        (
            "Il a demandé à la Maison-Blanche de retirer le texte.",
            &[("Maison-Blanche", "ORG")],
        ),
    ]);
    // The building: after a place's preposition, near it, a part of it.
    check_entities(&[
        (
            "He spoke at the White House, then protesters gathered outside Downing Street.",
            &[("White House", "LOC"), ("Downing Street", "LOC")],
        ),
        (
            "The prime minister returned to 10 Downing Street.",
            &[("Downing Street", "LOC")],
        ),
        (
            "Marine One landed on the White House's South Lawn.",
            &[("Marine One", "ORG"), ("White House", "LOC")],
        ),
        (
            "Il a été reçu à la Maison-Blanche, puis à l'hôtel Matignon.",
            &[("Maison-Blanche", "LOC"), ("Matignon", "LOC")],
        ),
        (
            "A la Maison Blanche, on attendait devant l’Élysée, sur le perron de Matignon.",
            &[
                ("Maison Blanche", "LOC"),
                ("Élysée", "LOC"),
                ("Matignon", "LOC"),
            ],
        ),
        (
            "Le président a parlé au palais de l'Élysée, puis il est sorti de Matignon.",
            &[("Élysée", "LOC"), ("Matignon", "LOC")],
        ),
        // A room of the building named after it is a place of its own; a service is not one.
        (
            "Barack Obama left a letter in the White House Oval Office, by the White House Rose Garden.",
            &[
                ("Barack Obama", "PER"),
                ("White House", "LOC"),
                ("Oval Office", "LOC"),
                ("White House", "LOC"),
                ("Rose Garden", "LOC"),
            ],
        ),
        (
            "The White House Press Office said no.",
            &[("White House Press Office", "ORG")],
        ),
    ]);
    // Not a seat: a common phrase, a surname, a longer name, a street.
    check_entities(&[
        ("They built a white house on the hill.", &[]),
        (
            "Jack White said the house was sold.",
            &[("Jack White", "PER")],
        ),
        ("Ils ont acheté une maison blanche.", &[]),
        ("Karine Matignon a été élue.", &[("Karine Matignon", "PER")]),
        ("Il habite avenue Matignon.", &[]),
        (
            "La station Maison Blanche et l'Hôpital Maison-Blanche.",
            &[("Maison Blanche", "LOC"), ("Hôpital Maison-Blanche", "ORG")],
        ),
    ]);
}

#[test]
fn every_seat_of_power_is_an_organisation_of_the_gazetteer() {
    // The seats are named by their English name: each must be a built-in organisation's.
    let knowledge = Knowledge::builtin();
    for seat in seats::SEATS {
        assert!(
            knowledge
                .lookup(seat)
                .iter()
                .any(|(_, e)| e.label == Label::Organisation && e.en == *seat),
            "{seat}"
        );
    }
}

#[test]
fn after_an_article_a_department_comes_before_a_city() {
    let linked = |text: &str| -> Vec<String> {
        let knowledge = Knowledge::builtin();
        recognize(text, knowledge)
            .into_iter()
            .filter_map(|m| m.entry.and_then(|id| knowledge.entry(id)))
            .map(|e| e.en.clone())
            .collect()
    };
    assert_eq!(
        linked("Dans la Vienne, un collège a été évacué."),
        ["Vienne"]
    );
    assert_eq!(linked("Le chancelier s'est rendu à Vienne."), ["Vienna"]);
}

#[test]
fn a_famous_place_opens_a_sentence_before_a_lowercase_word() {
    // A capital used for its government, or a city of millions, is a place at the start of a
    // sentence too, though its name is a rare given name or a common word ("pékin").
    check_entities(&[
        ("Paris a refusé de commenter.", &[("Paris", "LOC")]),
        ("Paris n'a pas réagi.", &[("Paris", "LOC")]),
        (
            "Washington a averti Moscou.",
            &[("Washington", "LOC"), ("Moscou", "LOC")],
        ),
        ("Pékin a dénoncé une ingérence.", &[("Pékin", "LOC")]),
        ("London said it would respond.", &[("London", "LOC")]),
        ("Geneva is to host the talks.", &[("Geneva", "LOC")]),
        ("London's mayor said no.", &[("London", "LOC")]),
        // A capitalised word after it may be a surname; a frequent given name, a city named
        // after people or a common word is not taken so.
        (
            "Paris Hilton a lancé un parfum.",
            &[("Paris Hilton", "PER")],
        ),
        ("Austin Powers was released.", &[("Austin Powers", "PER")]),
        ("Jackson said he would appeal.", &[]),
        ("Lincoln said the nation was divided.", &[]),
        ("Florence said she was proud.", &[]),
        ("Victoria said the decision was final.", &[]),
        ("Sydney said she had been harassed.", &[]),
        ("Charlotte a déposé plainte.", &[]),
        ("Nice weather is expected.", &[]),
        ("Tours of the palace resume.", &[]),
        ("Bordeaux est un vin réputé.", &[]),
    ]);
    // A person the article names in full keeps the name.
    check_entities(&[(
        "Whitney Houston a chanté. Houston a dit qu'elle reviendrait.",
        &[("Whitney Houston", "PER"), ("Houston", "PER")],
    )]);
}

#[test]
fn a_name_cut_at_a_sentence_start_is_the_longer_name_its_article_writes() {
    check_entities(&[
        (
            "Météo France place la Corse en vigilance orange. Selon Météo France, il pleuvra.",
            &[
                ("Météo France", "ORG"),
                ("Corse", "LOC"),
                ("Météo France", "ORG"),
            ],
        ),
        // Must not fire: the article writes no longer name.
        (
            "Unlike France, Germany voted yes. Germany later said no.",
            &[("France", "LOC"), ("Germany", "LOC"), ("Germany", "LOC")],
        ),
    ]);
}

#[test]
fn a_town_named_like_a_common_word_is_a_place_after_a_preposition_of_place() {
    check_entities(&[
        (
            "Une manifestation a eu lieu à Bordeaux et à Tours.",
            &[("Bordeaux", "LOC"), ("Tours", "LOC")],
        ),
        ("Il vit près de Limoges.", &[("Limoges", "LOC")]),
        ("À Tours, la mairie a réagi.", &[("Tours", "LOC")]),
        ("He grew up near Bath.", &[("Bath", "LOC")]),
        (
            "A rally was held in Mobile, Alabama.",
            &[("Mobile", "LOC"), ("Alabama", "LOC")],
        ),
        // Not the verb "a", nor a common word elsewhere, nor the first word of a longer name,
        // nor after "in" alone (titles and brands), nor who receives, nor an apposition that
        // says it is something else.
        ("Le vin de Bordeaux a un prix.", &[]),
        ("Il a Rennes en tête.", &[]),
        ("The Tours were cancelled.", &[]),
        ("She starred in Split last year.", &[]),
        ("Il a assisté à Orange mécanique au cinéma.", &[]),
        ("Les abonnés à Orange ont protesté.", &[]),
        ("Le prix a été remis à Tours, la start-up du moment.", &[]),
    ]);
}
