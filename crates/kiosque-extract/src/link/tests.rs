use super::*;
use crate::ner::knowledge::Sources;
use chrono::NaiveDate;

fn knowledge() -> Knowledge {
    Knowledge::from_sources(&Sources {
        places: "city\tKoursk\tKursk\t\t6\ncity\tMoscou\tMoscow\t\t7\nregion\tDonbass\tDonbas\tDonbass\t6",
        ..Sources::default()
    })
}

fn occ(doc: usize, label: Label, text: &str) -> Occurrence<'_> {
    Occurrence {
        doc,
        label,
        text,
        entry: None,
        date: None,
        weight: 1.0,
        confidence: Confidence::High,
    }
}

fn names(linked: &Linked, occurrences: &[Occurrence]) -> Vec<(String, String)> {
    occurrences
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                o.text.to_owned(),
                linked.entities[linked.of[i]].name.clone(),
            )
        })
        .collect()
}

#[test]
fn spellings_partial_names_typos_and_languages_merge() {
    let occurrences = vec![
        occ(0, Label::Person, "Donald Trump"),
        occ(0, Label::Person, "Trump"),
        occ(1, Label::Person, "Trump"),
        occ(0, Label::Place, "Donbass"),
        occ(0, Label::Place, "Dombass"),
        occ(0, Label::Place, "Koursk"),
        occ(1, Label::Place, "Kursk"),
        occ(1, Label::Place, "Koursk"),
        occ(0, Label::Person, "SILVANO TROTTA"),
        occ(0, Label::Place, "Kourakhove"),
        occ(1, Label::Place, "KOURAKHOVE"),
    ];
    let linked = link(&occurrences, &knowledge(), "fr");
    let got = names(&linked, &occurrences);
    let want = [
        ("Donald Trump", "Donald Trump"),
        ("Trump", "Donald Trump"),
        ("Trump", "Donald Trump"),
        ("Donbass", "Donbass"),
        ("Dombass", "Donbass"),
        ("Koursk", "Koursk"),
        ("Kursk", "Koursk"),
        ("Koursk", "Koursk"),
        ("SILVANO TROTTA", "Silvano Trotta"),
        ("Kourakhove", "Kourakhove"),
        ("KOURAKHOVE", "Kourakhove"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let koursk = &linked.entities[linked.of[5]];
    assert_eq!(
        (koursk.id.as_str(), koursk.documents, koursk.mentions),
        ("loc-kursk", 2, 3)
    );
    assert_eq!(koursk.aliases, ["Kursk"]);
    let trotta = &linked.entities[linked.of[8]];
    assert_eq!(trotta.aliases, ["SILVANO TROTTA"]);
}

#[test]
fn distinct_names_stay_apart() {
    let occurrences = vec![
        occ(0, Label::Person, "Jon Smithson"),
        occ(0, Label::Person, "Jan Smithson"),
        occ(0, Label::Person, "Smithson"), // two candidates: stays alone
        occ(0, Label::Place, "Austria"),
        occ(0, Label::Place, "Australia"),
        occ(0, Label::Organisation, "Trump"),
    ];
    let linked = link(&occurrences, &knowledge(), "en");
    let ids: Vec<&str> = (0..occurrences.len())
        .map(|i| linked.entities[linked.of[i]].id.as_str())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

#[test]
fn dates_link_by_value_and_keep_their_spellings() {
    let day = NaiveDate::from_ymd_opt(2025, 1, 6).map(DateValue::Day);
    let mut lundi = occ(0, Label::Date, "lundi");
    lundi.date = day;
    let mut aujourdhui = occ(0, Label::Date, "aujourd’hui");
    aujourdhui.date = day;
    let mut written = occ(1, Label::Date, "6 janvier");
    written.date = day;
    let occurrences = vec![lundi, aujourdhui, occ(0, Label::Date, "demain"), written];
    let linked = link(&occurrences, &knowledge(), "fr");
    let d = &linked.entities[linked.of[0]];
    assert_eq!(linked.of[0], linked.of[1]);
    assert_eq!(linked.of[0], linked.of[3]);
    // Named in the corpus's language; its spellings are those that name the day, not "lundi".
    assert_eq!(
        (d.id.as_str(), d.name.as_str(), d.value.as_deref()),
        ("date-2025-01-06", "6 janvier 2025", Some("2025-01-06"))
    );
    assert_eq!(d.aliases, ["6 janvier"]);
    assert_ne!(linked.of[0], linked.of[2]);
    let english = link(&occurrences, &knowledge(), "en");
    assert_eq!(english.entities[english.of[0]].name, "6 January 2025");
}

#[test]
fn ids_are_unique_even_when_names_collide() {
    let occurrences = vec![
        occ(0, Label::Place, "Saint-Denis"),
        occ(1, Label::Place, "Saint Denis."),
    ];
    let linked = link(&occurrences, &knowledge(), "fr");
    let mut ids: Vec<&str> = linked.entities.iter().map(|e| e.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), linked.entities.len());
}

#[test]
fn known_entities_keep_their_id_as_the_corpus_grows_and_changes_language() {
    let french = vec![occ(0, Label::Place, "Moscou")];
    let english = vec![
        occ(0, Label::Place, "Moscow"),
        occ(1, Label::Place, "Moscow"),
        occ(2, Label::Place, "Moscou"),
    ];
    let a = link(&french, &knowledge(), "fr");
    let b = link(&english, &knowledge(), "fr");
    assert_eq!(a.entities[0].id, "loc-moscow");
    assert_eq!(b.entities[0].id, "loc-moscow");
    // The corpus's language's name is the canonical one when the corpus uses it.
    assert_eq!(b.entities[0].name, "Moscou");
    assert_eq!(b.entities[0].aliases, ["Moscow"]);
}

#[test]
fn a_lone_surname_is_the_full_name_its_article_uses_most() {
    let occurrences = vec![
        occ(0, Label::Person, "Donald Trump"),
        occ(0, Label::Person, "Donald Trump"),
        occ(0, Label::Person, "Melania Trump"),
        occ(0, Label::Person, "Trump"),
        occ(1, Label::Person, "Ivanka Trump"),
        occ(1, Label::Person, "Trump"),
        occ(2, Label::Place, "Trump"),
        occ(2, Label::Person, "Trump"),
        occ(2, Label::Person, "Trump"),
    ];
    let linked = link(&occurrences, &knowledge(), "en");
    let name = |i: usize| linked.entities[linked.of[i]].name.as_str();
    assert_eq!(name(3), "Donald Trump");
    assert_eq!(name(5), "Ivanka Trump");
    // Without a full name in the article, the corpus's dominant one (twice as many mentions)…
    assert_eq!(name(7), "Donald Trump");
    // …and the one "Trump" mislabelled as a place follows the name's usual label.
    assert_eq!(name(6), "Donald Trump");
}

#[test]
fn initials_join_the_full_name() {
    let occurrences = vec![
        occ(0, Label::Person, "Barack Obama"),
        occ(1, Label::Person, "B. Obama"),
        occ(2, Label::Person, "Jean-Marc Ayrault"),
        occ(3, Label::Person, "J-M Ayrault"),
    ];
    let linked = link(&occurrences, &knowledge(), "fr");
    assert_eq!(linked.of[0], linked.of[1]);
    assert_eq!(linked.of[2], linked.of[3]);
    assert_eq!(linked.entities[linked.of[1]].name, "Barack Obama");
    // Named with the given name written out, even where the initial is written more often.
    let occurrences = vec![
        occ(0, Label::Person, "Valentine Sapounov"),
        occ(0, Label::Person, "V. Sapounov"),
        occ(0, Label::Person, "V. Sapounov"),
        occ(1, Label::Person, "J-M Ayrault"),
        occ(1, Label::Person, "J-M Ayrault"),
        occ(2, Label::Person, "Jean-Marc Ayrault"),
    ];
    let linked = link(&occurrences, &knowledge(), "fr");
    assert_eq!(linked.entities[linked.of[1]].name, "Valentine Sapounov");
    assert_eq!(linked.entities[linked.of[3]].name, "Jean-Marc Ayrault");
}

#[test]
fn an_initial_two_full_names_share_stays_alone() {
    let occurrences = vec![
        occ(0, Label::Person, "Barack Obama"),
        occ(1, Label::Person, "Bernard Obama"),
        occ(2, Label::Person, "B. Obama"),
    ];
    let linked = link(&occurrences, &knowledge(), "fr");
    assert_ne!(linked.of[2], linked.of[0]);
    assert_ne!(linked.of[2], linked.of[1]);
    assert_eq!(linked.entities[linked.of[2]].name, "B. Obama");
    // Unless one of them is mentioned twice as often as the next.
    let mut occurrences = occurrences;
    occurrences.push(occ(3, Label::Person, "Barack Obama"));
    let linked = link(&occurrences, &knowledge(), "fr");
    assert_eq!(linked.of[2], linked.of[0]);
    assert_ne!(linked.of[2], linked.of[1]);
}

#[test]
fn a_name_with_two_labels_is_one_entity_whichever_label_wins() {
    // More votes for a label, or as many for each (the first label, person, wins).
    for labels in [
        [Label::Organisation, Label::Person, Label::Person],
        [Label::Place, Label::Person, Label::Place],
        [Label::Place, Label::Person, Label::Organisation],
    ] {
        let occurrences: Vec<Occurrence> = labels
            .iter()
            .enumerate()
            .map(|(doc, &label)| occ(doc, label, "Zorglubie"))
            .collect();
        let linked = link(&occurrences, &knowledge(), "fr");
        assert_eq!(
            linked.entities.len(),
            1,
            "{labels:?}: {:?}",
            linked.entities
        );
        assert_eq!(linked.entities[0].mentions, 3);
    }
}

#[test]
fn linking_does_not_depend_on_the_number_of_threads() {
    let corpus = synthetic(30_000);
    let occurrences: Vec<Occurrence> = corpus
        .iter()
        .map(|(doc, label, text, date)| Occurrence {
            date: *date,
            ..occ(*doc, *label, text)
        })
        .collect();
    let knowledge = knowledge();
    let with = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
            .install(|| link(&occurrences, &knowledge, "fr"))
    };
    let (one, several) = (with(1), with(4));
    assert_eq!(one.of, several.of);
    assert_eq!(one.entities, several.entities);
    // Typos merged, surnames resolved: the corpus is not linked trivially.
    assert!(one.entities.len() < occurrences.len() / 4);
}

/// A corpus of `n` occurrences where many full names share few surnames, and most lone
/// surnames are not named in full in their own article (the corpus's full names decide):
/// choosing a full name once per such mention, among every full name with that surname, was
/// quadratic. Names carry typos now and then, places and dates mix in.
fn synthetic(n: usize) -> Vec<(usize, Label, String, Option<DateValue>)> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    const SYLLABLES: [&str; 16] = [
        "ka", "ro", "vin", "le", "mar", "to", "si", "bel", "dou", "ne", "gra", "lu", "pe", "zan",
        "mi", "cho",
    ];
    let word = |i: usize, parts: usize| {
        let mut w: String = (0..parts).map(|p| SYLLABLES[(i >> (4 * p)) % 16]).collect();
        w[..1].make_ascii_uppercase();
        w
    };
    let mut out = Vec::with_capacity(n);
    let mut doc = 0;
    while out.len() < n {
        let people: Vec<(String, String)> = (0..3)
            .map(|_| (word(next(4096), 3), word(next(300), 3)))
            .collect();
        for (first, last) in &people {
            let mut full = format!("{first} {last}");
            if next(20) == 0 {
                full.insert(full.len() - 1, 'e');
            }
            out.push((doc, Label::Person, full, None));
        }
        for _ in 0..12 {
            let last = match next(3) {
                0 => people[next(3)].1.clone(),
                _ => word(next(300), 3),
            };
            out.push((doc, Label::Person, last, None));
        }
        out.push((doc, Label::Place, word(next(2000), 3), None));
        out.push((doc, Label::Place, "Koursk".to_owned(), None));
        let date = NaiveDate::from_ymd_opt(2025, 1, 1 + next(28) as u32).map(DateValue::Day);
        out.push((doc, Label::Date, "lundi".to_owned(), date));
        out.push((doc, Label::Date, "demain".to_owned(), None));
        doc += 1;
    }
    out.truncate(n);
    out
}

#[test]
fn a_large_corpus_with_many_shared_surnames_links() {
    let corpus = synthetic(200_000);
    let occurrences: Vec<Occurrence> = corpus
        .iter()
        .map(|(doc, label, text, date)| Occurrence {
            date: *date,
            ..occ(*doc, *label, text)
        })
        .collect();
    let start = std::time::Instant::now();
    let linked = link(&occurrences, &knowledge(), "fr");
    // Timing is printed for the record (`--nocapture`), never asserted.
    eprintln!(
        "linked {} occurrences in {:?}",
        occurrences.len(),
        start.elapsed()
    );
    assert_eq!(linked.of.len(), occurrences.len());
    assert!(linked.of.iter().all(|&e| e < linked.entities.len()));
    if let Ok(path) = std::env::var("KIOSQUE_LINK_DUMP") {
        std::fs::write(path, format!("{linked:#?}")).expect("dump written");
    }
}

#[test]
fn entity_ids_stay_unique_when_a_suffixed_id_is_also_a_name() {
    // Two known places of one name (two entries: two entities, `loc-springfield` and its
    // `-2`), and a place whose own name makes `loc-springfield-2`.
    let knowledge = Knowledge::from_sources(&Sources {
        places: "city\tSpringfield\tSpringfield\t\t6\ncity\tSpringfield\tSpringfield\t\t5",
        ..Sources::default()
    });
    let mut first = occ(0, Label::Place, "Springfield");
    first.entry = Some(0);
    let mut second = occ(1, Label::Place, "Springfield");
    second.entry = Some(1);
    let occurrences = vec![first, second, occ(2, Label::Place, "Springfield 2")];
    let linked = link(&occurrences, &knowledge, "en");
    let mut ids: Vec<&str> = linked.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "entity ids are unique: {:?}", linked.entities);
}

#[test]
fn an_entity_has_the_label_its_name_was_unified_to_not_its_first_mentions() {
    // Read as a place once, then twice as a person: a person, whichever comes first.
    for labels in [
        [Label::Place, Label::Person, Label::Person],
        [Label::Person, Label::Place, Label::Person],
    ] {
        let occurrences: Vec<Occurrence> = labels
            .iter()
            .enumerate()
            .map(|(doc, &label)| occ(doc, label, "Zorglubie"))
            .collect();
        let linked = link(&occurrences, &knowledge(), "fr");
        assert_eq!(linked.entities.len(), 1, "{labels:?}");
        assert_eq!(linked.entities[0].label, Label::Person, "{labels:?}");
        assert_eq!(linked.entities[0].id, "per-zorglubie", "{labels:?}");
    }
}

/// Links `texts` (one document each, looked up in `knowledge` as recognition does) in a corpus
/// of language `lang`.
fn link_known(knowledge: &Knowledge, lang: &str, label: Label, texts: &[&str]) -> Linked {
    let occurrences: Vec<Occurrence> = texts
        .iter()
        .enumerate()
        .map(|(doc, text)| Occurrence {
            entry: knowledge.lookup(text).first().map(|&(id, _)| id),
            ..occ(doc, label, text)
        })
        .collect();
    link(&occurrences, knowledge, lang)
}

/// Links `texts` (one document each, known to the gazetteer) in a corpus of language `lang` and
/// gives each one's entity name and aliases.
fn known_names(lang: &str, label: Label, texts: &[&str]) -> Vec<(String, Vec<String>)> {
    let knowledge = Knowledge::from_sources(&Sources {
        places: "country\tArabie saoudite\tSaudi Arabia\tArabie Saoudite\t9\nregion\tCaroline du Sud\tSouth Carolina\t\t6\ncity\tParis\tParis\t\t8",
        organisations: "Organisation des Nations unies\tUnited Nations\tONU|UN|Nations unies\nChambre des représentants des États-Unis\tUnited States House of Representatives\tChambre des représentants|House of Representatives",
        ..Sources::default()
    });
    let linked = link_known(&knowledge, lang, label, texts);
    linked
        .of
        .iter()
        .map(|&e| {
            let entity = &linked.entities[e];
            (entity.name.clone(), entity.aliases.clone())
        })
        .collect()
}

#[test]
fn a_known_entity_is_named_in_the_corpus_language() {
    // Fires on: the other language's gazetteer name, in French and in English corpora.
    let table: &[(&str, Label, &str, &str)] = &[
        ("fr", Label::Place, "Saudi Arabia", "Arabie saoudite"),
        ("fr", Label::Place, "South Carolina", "Caroline du Sud"),
        ("en", Label::Place, "Arabie saoudite", "Saudi Arabia"),
        ("en", Label::Place, "Caroline du Sud", "South Carolina"),
        (
            "fr",
            Label::Organisation,
            "United Nations",
            "Organisation des Nations unies",
        ),
        // A short form of the other language's name.
        (
            "fr",
            Label::Organisation,
            "House of Representatives",
            "Chambre des représentants des États-Unis",
        ),
        (
            "en",
            Label::Organisation,
            "Chambre des représentants",
            "United States House of Representatives",
        ),
        // Must not fire: a name the same in both languages, an acronym, another language, a
        // short form of the corpus language's own name.
        ("fr", Label::Place, "Paris", "Paris"),
        (
            "fr",
            Label::Organisation,
            "Chambre des représentants",
            "Chambre des représentants",
        ),
        ("fr", Label::Organisation, "Nations unies", "Nations unies"),
        ("fr", Label::Organisation, "ONU", "ONU"),
        ("de", Label::Place, "Saudi Arabia", "Saudi Arabia"),
    ];
    for &(lang, label, written, shown) in table {
        let got = known_names(lang, label, &[written]);
        assert_eq!(got[0].0, shown, "{written:?} in a {lang} corpus");
        // What the articles wrote stays an alias.
        if shown != written {
            assert_eq!(
                got[0].1,
                [written],
                "aliases of {written:?} in a {lang} corpus"
            );
        }
    }
}

#[test]
fn of_spellings_in_both_languages_the_part_of_the_corpus_language_s_name_names_it() {
    let knowledge = Knowledge::from_sources(&Sources {
        places: "other\tOcéan Pacifique\tPacific Ocean\tPacific|Pacifique\t8",
        organisations: "Congrès des États-Unis\tUnited States Congress\tCongress|Congrès",
        ..Sources::default()
    });
    let name = |lang: &str, label: Label, texts: &[&str]| -> String {
        let linked = link_known(&knowledge, lang, label, texts);
        assert_eq!(linked.entities.len(), 1, "{texts:?}");
        linked.entities[0].name.clone()
    };
    // Written more often in English, named in French in a French corpus, and the other way.
    let pacific = ["Pacific", "Pacific", "Pacifique"];
    assert_eq!(name("fr", Label::Place, &pacific), "Pacifique");
    assert_eq!(name("en", Label::Place, &pacific), "Pacific");
    let congress = ["Congress", "Congress", "Congrès"];
    assert_eq!(name("fr", Label::Organisation, &congress), "Congrès");
    // One language only: the most written, as before.
    assert_eq!(name("fr", Label::Place, &["Pacific", "Pacific"]), "Pacific");
}

#[test]
fn an_entity_is_as_sure_as_its_surest_mention_and_surer_when_several_articles_name_it() {
    use Confidence::{High, Low, Medium};
    let linked_level = |mentions: &[(usize, Confidence)]| {
        let occurrences: Vec<Occurrence> = mentions
            .iter()
            .map(|&(doc, confidence)| Occurrence {
                confidence,
                ..occ(doc, Label::Place, "Vouhledar")
            })
            .collect();
        let linked = link(&occurrences, &knowledge(), "fr");
        assert_eq!(linked.entities.len(), 1);
        linked.entities[0].confidence
    };
    // (mentions as (document, confidence), entity's confidence)
    let table: &[(&[(usize, Confidence)], Confidence)] = &[
        (&[(0, Low)], Low),
        (&[(0, Low), (0, Low)], Low),
        (&[(0, Low), (1, Low)], Medium),
        (&[(0, Low), (0, Medium)], Medium),
        (&[(0, Medium), (1, Low)], High),
        (&[(0, High)], High),
        (&[(0, Low), (0, High)], High),
    ];
    for &(mentions, level) in table {
        assert_eq!(linked_level(mentions), level, "{mentions:?}");
    }
}

#[test]
fn long_names_that_start_alike_keep_their_ids_when_another_one_is_added() {
    let courts = |places: &[&str]| -> Vec<(String, String)> {
        let names: Vec<String> = places
            .iter()
            .map(|place| {
                format!("United States District Court for the Southern District of {place}")
            })
            .collect();
        let occurrences: Vec<Occurrence> = names
            .iter()
            .enumerate()
            .map(|(doc, name)| occ(doc, Label::Organisation, name))
            .collect();
        let linked = link(&occurrences, &knowledge(), "en");
        linked
            .entities
            .into_iter()
            .map(|e| (e.name, e.id))
            .collect()
    };
    let before = courts(&["New York", "Texas"]);
    // "Florida" sorts before both: the ids of the two others stay what they were.
    let after = courts(&["New York", "Texas", "Florida"]);
    assert_eq!(after.len(), 3, "{after:?}");
    for (name, id) in &before {
        assert!(
            after.contains(&(name.clone(), id.clone())),
            "{id}: {after:?}"
        );
    }
    let mut ids: Vec<&str> = after.iter().map(|(_, id)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "{after:?}");
    for id in ids {
        // Cut at a word, then 8 hex digits: at most the 60 characters of a slug.
        let (cut, fingerprint) = id.rsplit_once('-').expect("a fingerprint");
        assert!(
            cut.starts_with("org-united-states-district-court-for"),
            "{id}"
        );
        assert_eq!(fingerprint.len(), 8, "{id}");
        assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert!(id.len() <= "org-".len() + 60, "{id}");
    }
    // A name whose slug fits is its id alone.
    let linked = link(
        &[occ(0, Label::Organisation, "Southern District Court")],
        &knowledge(),
        "en",
    );
    assert_eq!(linked.entities[0].id, "org-southern-district-court");
}

#[test]
fn compound_surnames_suffixed_names_and_given_names_join_the_full_name() {
    let occurrences = vec![
        occ(0, Label::Person, "Christopher Gallego-Lazo"),
        occ(0, Label::Person, "Gallego-Lazo"),
        occ(1, Label::Person, "Edward J. DeBartolo Jr."),
        occ(1, Label::Person, "DeBartolo"),
        occ(2, Label::Person, "Melania Trump"),
        occ(2, Label::Person, "Melania"),
        // A given name alone follows its own article only: this one has no full name.
        occ(3, Label::Person, "Melania"),
        // Written with a space, a name is a full name of its own.
        occ(4, Label::Person, "Marie Jean Dupont"),
        occ(4, Label::Person, "Jean Dupont"),
    ];
    let linked = link(&occurrences, &knowledge(), "en");
    let name = |i: usize| linked.entities[linked.of[i]].name.as_str();
    assert_eq!(name(1), "Christopher Gallego-Lazo");
    assert_eq!(name(3), "Edward J. DeBartolo Jr.");
    assert_eq!(name(5), "Melania Trump");
    assert_eq!(name(6), "Melania");
    assert_eq!(name(8), "Jean Dupont");
}

#[test]
fn a_middle_name_joins_the_name_without_it_unless_two_names_shorten_alike() {
    let occurrences = vec![
        occ(0, Label::Person, "Robert Gabriel Mugabe"),
        occ(1, Label::Person, "Robert Mugabe"),
        occ(2, Label::Person, "Robert Mugabe"),
        occ(3, Label::Person, "John G. Roberts"),
        occ(4, Label::Person, "John Roberts"),
        // Two fathers' and sons' names shorten alike: neither is "George Bush".
        occ(5, Label::Person, "George W. Bush"),
        occ(6, Label::Person, "George H. W. Bush"),
        occ(7, Label::Person, "George Bush"),
        // No middle name: a particle, a hyphenated given name, a generational suffix.
        occ(8, Label::Person, "Charles de Gaulle"),
        occ(9, Label::Person, "Charles Gaulle"),
        occ(10, Label::Person, "Jean-Marc Ayrault"),
        occ(11, Label::Person, "Jean Ayrault"),
        occ(12, Label::Person, "Martin Luther King Jr."),
        occ(13, Label::Person, "Martin Jr."),
        // A place named like a person's short name is not joined.
        occ(14, Label::Person, "Paul Henri Spaak"),
        occ(15, Label::Place, "Paul Spaak"),
    ];
    let linked = link(&occurrences, &knowledge(), "en");
    let name = |i: usize| linked.entities[linked.of[i]].name.as_str();
    assert_eq!(linked.of[0], linked.of[1]);
    // Named as the corpus names him most.
    assert_eq!(name(0), "Robert Mugabe");
    assert_eq!(linked.of[3], linked.of[4]);
    for (a, b) in [(5, 7), (6, 7), (5, 6), (8, 9), (10, 11), (12, 13), (14, 15)] {
        assert_ne!(linked.of[a], linked.of[b], "{} / {}", name(a), name(b));
    }
}

#[test]
fn a_mistyped_given_name_joins_the_known_one_but_two_known_given_names_stay_apart() {
    let knowledge = Knowledge::from_sources(&Sources {
        given_names: "vladimir\t100\nmartin\t100\nmartina\t100",
        ..Sources::default()
    });
    let occurrences = vec![
        occ(0, Label::Person, "Vladimir Putin"),
        occ(1, Label::Person, "Vladimir Putin"),
        occ(2, Label::Person, "Vladmir Putin"),
        occ(3, Label::Person, "Martin Weber"),
        occ(4, Label::Person, "Martina Weber"),
        // Short given names are too close to tell apart.
        occ(5, Label::Person, "Jon Smith"),
        occ(6, Label::Person, "Jan Smith"),
    ];
    let linked = link(&occurrences, &knowledge, "en");
    let name = |i: usize| linked.entities[linked.of[i]].name.as_str();
    assert_eq!(name(2), "Vladimir Putin");
    assert_ne!(linked.of[3], linked.of[4]);
    assert_ne!(linked.of[5], linked.of[6]);
}

#[test]
fn a_surname_with_its_particle_joins_the_full_name() {
    let occurrences = vec![
        occ(0, Label::Person, "Charles de Gaulle"),
        occ(0, Label::Person, "De Gaulle"),
        occ(1, Label::Person, "Ursula von der Leyen"),
        occ(1, Label::Person, "von der Leyen"),
        occ(3, Label::Person, "Mohamed El Baradei"),
        occ(3, Label::Person, "El Baradei"),
        // Without a particle, a name of two words is a full name of its own.
        occ(2, Label::Person, "Marie Jean Dupont"),
        occ(2, Label::Person, "Jean Dupont"),
    ];
    let linked = link(&occurrences, &knowledge(), "fr");
    let name = |i: usize| linked.entities[linked.of[i]].name.as_str();
    assert_eq!(name(1), "Charles de Gaulle");
    assert_eq!(name(3), "Ursula von der Leyen");
    assert_eq!(name(7), "Jean Dupont");
    assert_eq!(name(5), "Mohamed El Baradei");
}

#[test]
fn and_ampersand_and_et_are_one_word_in_a_name() {
    let occurrences = vec![
        occ(0, Label::Organisation, "Procter & Gamble"),
        occ(1, Label::Organisation, "Procter and Gamble"),
        occ(2, Label::Organisation, "Procter et Gamble"),
        occ(3, Label::Organisation, "Procter Gamble"),
    ];
    let linked = link(&occurrences, &knowledge(), "en");
    assert_eq!(linked.of[0], linked.of[1]);
    assert_eq!(linked.of[0], linked.of[2]);
    assert_ne!(linked.of[0], linked.of[3]);
}

#[test]
fn a_lone_name_is_the_dominant_person_or_what_the_corpus_types_it_as_alone() {
    use kiosque_model::Confidence::{Low, Medium};
    let names = |typed: &[(Label, Confidence, &str)]| {
        LoneNames::new(
            typed
                .par_iter()
                .map(|&(label, confidence, text)| (label, confidence, text)),
        )
    };
    let putins = [
        (Label::Person, Low, "Vladimir Putin"),
        (Label::Person, Low, "Vladimir Putin"),
        (Label::Person, Low, "Lyudmila Putin"),
    ];
    assert_eq!(names(&putins).label("PUTIN"), Some(Label::Person));
    // A word the corpus guesses as something else alone ("à Putin") is not made a person:
    // lone names would outvote the guesses.
    let guessed = [putins.as_slice(), &[(Label::Place, Low, "Putin")]].concat();
    assert_eq!(names(&guessed).label("Putin"), None);
    // Two full names that end alike and neither dominates: no one.
    assert_eq!(names(&putins[1..]).label("Putin"), None);
    // Typed alone with no evidence (a preposition before it) says nothing, however often;
    // once with evidence is enough.
    let soudja = (Label::Place, Low, "Soudja");
    assert_eq!(names(&[soudja, soudja, soudja]).label("Soudja"), None);
    let sure = (Label::Place, Medium, "Soudja");
    assert_eq!(names(&[soudja, sure]).label("Soudja"), Some(Label::Place));
    assert_eq!(
        names(&[(Label::Organisation, Medium, "Gazprom")]).label("Gazprom"),
        Some(Label::Organisation)
    );
    // Typed alone, a word keeps its most frequent label, even if a person's name ends with it.
    let typed = [
        (Label::Place, Medium, "Washington"),
        (Label::Place, Low, "Washington"),
        (Label::Person, Medium, "Washington"),
        (Label::Person, Low, "George Washington"),
    ];
    assert_eq!(names(&typed).label("Washington"), Some(Label::Place));
}

#[test]
fn an_organisation_called_by_its_own_name_is_the_one_its_article_names_in_full() {
    let occurrences = vec![
        occ(0, Label::Organisation, "Salling Group"),
        occ(0, Label::Organisation, "Salling"),
        occ(0, Label::Organisation, "Salling"),
        occ(1, Label::Organisation, "Groupe Casino"),
        occ(1, Label::Organisation, "Casino"),
        // Another article that never names the group keeps its own "Salling".
        occ(2, Label::Organisation, "Salling"),
        // Two companies with one own name: the name alone joins neither.
        occ(3, Label::Organisation, "Acme Corp"),
        occ(3, Label::Organisation, "Acme Group"),
        occ(3, Label::Organisation, "Acme"),
        // Elsewhere "Salling" is a person, more often: the group's article keeps its group.
        occ(4, Label::Person, "Anders Salling"),
        occ(4, Label::Person, "Salling"),
        occ(5, Label::Person, "Salling"),
        occ(6, Label::Person, "Salling"),
    ];
    let linked = link(&occurrences, &knowledge(), "en");
    let entity = |i: usize| linked.of[i];
    assert_eq!(linked.entities[entity(1)].label, Label::Organisation);
    assert_eq!(entity(1), entity(0));
    // Named in full, however often its own name alone is written.
    assert_eq!(linked.entities[entity(0)].name, "Salling Group");
    assert_eq!(entity(2), entity(0));
    assert_eq!(entity(4), entity(3));
    assert_ne!(entity(5), entity(0));
    assert_ne!(entity(8), entity(6));
    assert_ne!(entity(8), entity(7));
}

#[test]
fn a_known_name_is_written_with_the_article_the_articles_dropped() {
    let knowledge = Knowledge::builtin();
    let (id, _) = knowledge.lookup("Le Monde")[0];
    let mut monde = occ(0, Label::Organisation, "Monde");
    monde.entry = Some(id);
    let linked = link(&[monde], knowledge, "fr");
    assert_eq!(linked.entities[0].name, "Le Monde");
}

#[test]
fn an_acronym_is_what_its_article_spells_out_with_those_initials() {
    let knowledge = Knowledge::builtin();
    let known = |doc, text: &'static str| {
        let mut o = occ(doc, Label::Organisation, text);
        o.entry = Some(knowledge.lookup(text)[0].0);
        o
    };
    let occurrences = vec![
        occ(0, Label::Organisation, "Federation of Belgian Banks"),
        occ(0, Label::Organisation, "FBB"),
        occ(0, Label::Organisation, "FBB"),
        // Another article says "FBB" alone: it may mean anything there.
        occ(1, Label::Organisation, "FBB"),
        // French, function words left out: "des" is no initial.
        occ(
            2,
            Label::Organisation,
            "Observatoire français des conjonctures économiques",
        ),
        occ(2, Label::Organisation, "OFCE"),
        // Two organisations of one article with those initials: the acronym joins neither.
        occ(3, Label::Organisation, "Pacific Rim Alliance"),
        occ(3, Label::Organisation, "Port River Authority"),
        occ(3, Label::Organisation, "PRA"),
        // The gazetteer's NFP is the French party, but this article spells out another.
        occ(4, Label::Organisation, "Notes from Poland"),
        known(4, "NFP"),
        // Elsewhere, the gazetteer's NFP stays the party.
        known(5, "NFP"),
        // Another spelling of the gazetteer's name joins its entry.
        occ(6, Label::Organisation, "North Atlantic Treaty Organisation"),
        known(6, "NATO"),
        known(7, "NATO"),
        // A person's and a place's acronyms, typed as organisations, are theirs.
        occ(8, Label::Person, "John Fitzgerald Kennedy"),
        occ(8, Label::Organisation, "JFK"),
        // Not an acronym: two letters.
        occ(9, Label::Organisation, "Banque européenne"),
        occ(9, Label::Organisation, "BE"),
    ];
    let linked = link(&occurrences, knowledge, "en");
    let entity = |i: usize| linked.of[i];
    assert_eq!(entity(1), entity(0));
    assert_eq!(entity(2), entity(0));
    assert_ne!(entity(3), entity(0));
    // Named in full, however often the acronym is written.
    assert_eq!(
        linked.entities[entity(0)].name,
        "Federation of Belgian Banks"
    );
    assert_eq!(linked.entities[entity(0)].aliases, ["FBB"]);
    assert_eq!(entity(5), entity(4));
    assert_ne!(entity(8), entity(6));
    assert_ne!(entity(8), entity(7));
    assert_eq!(entity(10), entity(9));
    assert_eq!(linked.entities[entity(10)].name, "Notes from Poland");
    assert_ne!(entity(11), entity(9));
    assert_eq!(entity(12), entity(13));
    assert_eq!(entity(13), entity(14));
    assert_eq!(entity(16), entity(15));
    assert_eq!(linked.entities[entity(16)].label, Label::Person);
    assert_ne!(entity(18), entity(17));
}

#[test]
fn a_gazetteer_entry_is_one_entity_whatever_its_mentions_labels() {
    // A seat of power read as the building ("at the White House") and as the institution
    // ("the White House said"), in English and in French: one entity, the entry's organisation.
    let knowledge = Knowledge::from_sources(&Sources {
        organisations: "Maison-Blanche\tWhite House\tMaison Blanche",
        ..Sources::default()
    });
    let seat = knowledge.lookup("White House")[0].0;
    let occurrences = vec![
        Occurrence {
            entry: Some(seat),
            ..occ(0, Label::Organisation, "White House")
        },
        Occurrence {
            entry: Some(seat),
            ..occ(0, Label::Place, "White House")
        },
        Occurrence {
            entry: Some(seat),
            ..occ(1, Label::Place, "Maison-Blanche")
        },
    ];
    let linked = link(&occurrences, &knowledge, "en");
    assert_eq!(linked.entities.len(), 1);
    assert_eq!(linked.entities[0].label, Label::Organisation);
    assert_eq!(linked.entities[0].id, "org-white-house");
    assert_eq!(linked.entities[0].mentions, 3);
}

#[test]
fn an_article_s_acronyms_and_own_names_are_joined_however_its_mentions_are_interleaved() {
    // Each document's steps (acronyms, an organisation's own name) run on one document at a
    // time: a caller that gives the documents' mentions interleaved gets the same entities.
    let by_document = vec![
        occ(0, Label::Organisation, "Federation of Belgian Banks"),
        occ(0, Label::Organisation, "FBB"),
        occ(0, Label::Organisation, "FBB"),
        occ(1, Label::Organisation, "FBB"),
        occ(2, Label::Organisation, "Salling Group"),
        occ(2, Label::Organisation, "Salling"),
        occ(3, Label::Organisation, "Salling"),
        occ(4, Label::Organisation, "Pacific Rim Alliance"),
        occ(4, Label::Organisation, "PRA"),
        occ(4, Label::Organisation, "Port River Authority"),
    ];
    // Round robin: the first mention of each document, then the second of each, and so on.
    let mut order: Vec<usize> = (0..by_document.len()).collect();
    let place = |i: usize| {
        by_document[..i]
            .iter()
            .filter(|o| o.doc == by_document[i].doc)
            .count()
    };
    order.sort_by_key(|&i| (place(i), std::cmp::Reverse(by_document[i].doc)));
    assert_ne!(order, (0..by_document.len()).collect::<Vec<_>>());
    let interleaved: Vec<Occurrence> = order.iter().map(|&i| by_document[i].clone()).collect();
    let knowledge = Knowledge::builtin();
    let (grouped, mixed) = (
        link(&by_document, knowledge, "en"),
        link(&interleaved, knowledge, "en"),
    );
    // Of each mention, its entity's name, and which other mentions share it.
    let entity_of = |linked: &Linked, at: &dyn Fn(usize) -> usize| -> Vec<(String, Vec<usize>)> {
        (0..by_document.len())
            .map(|i| {
                let entity = linked.of[at(i)];
                let with = (0..by_document.len())
                    .filter(|&j| linked.of[at(j)] == entity)
                    .collect();
                (linked.entities[entity].name.clone(), with)
            })
            .collect()
    };
    let grouped = entity_of(&grouped, &|i| i);
    let mixed = entity_of(&mixed, &|i| order.iter().position(|&o| o == i).unwrap_or(0));
    assert_eq!(mixed, grouped);
    // What each step does, in the grouped order.
    assert_eq!(
        grouped[1],
        ("Federation of Belgian Banks".to_owned(), vec![0, 1, 2])
    );
    assert_eq!(grouped[3].1, [3]);
    assert_eq!(grouped[5], ("Salling Group".to_owned(), vec![4, 5]));
    assert_eq!(grouped[6].1, [6]);
    assert_eq!(grouped[8].1, [8]);
}
