//! Typing a candidate from what it contains and what precedes it, and the last-resort guess.

use super::*;

/// A given name, also hyphenated ("Jean-François").
pub(super) fn is_given(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    knowledge.is_given_folded(&t.folded)
        || (t.folded.contains('-')
            && t.folded
                .split('-')
                .all(|part| knowledge.is_given_folded(part)))
}

/// Whether `folded` is a frequent given name (frequency class 6 or more: "Vladimir", "Marine",
/// "Florence"; not "Paris", "Jackson", "Lincoln", more often places in the news).
pub(super) fn frequent_given(folded: &str, knowledge: &Knowledge) -> bool {
    knowledge
        .given_class(folded)
        .is_some_and(|class| class >= 6)
}

/// An initial: "J.", "C.".
pub(super) fn is_initial(t: &Token<'_>) -> bool {
    t.text.len() <= 3
        && t.text.ends_with('.')
        && t.text.chars().filter(|c| c.is_alphabetic()).count() == 1
}

/// Hyphenated initials: "J-M", "J.-P.".
pub(super) fn is_initial_pair(t: &Token<'_>) -> bool {
    let letters: Vec<char> = t.text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() == 2 && letters.iter().all(|c| c.is_uppercase()) && t.text.contains('-')
}

/// What is never a name on its own: an initial, one or two letters that are not an acronym,
/// a century or a numbered regime ("XIXe", "Ve"), an acronym of a thing ("UTC", "COVID"),
/// a compound adjective ("Saudi-led").
pub(super) fn is_fragment(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
    let is_known = || known(std::slice::from_ref(t), knowledge).is_some();
    is_initial(t)
        || is_roman_ordinal(t)
        || (letters <= 2 && !t.is_all_caps())
        || (contains(NOT_ENTITY_ACRONYMS, folded(t)) && !is_known())
        || is_compound_adjective(t, knowledge)
}

/// A compound adjective: a name, a hyphen and a participle or an adjective's word in lowercase
/// ("Muslim-majority", "Saudi-led", "Kremlin-controlled", "Iran-backed", "English-speaking");
/// never a name, nor the start of one ("Muslim-majority African countries"). Names written
/// with a lowercase part are not ("Jean-pierre", "Boulogne-sur-mer", "Bosnia-herzegovina").
pub(super) fn is_compound_adjective(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    const TAILS: &[&str] = &[
        "majority", "minority", "style", "wide", "born", "run", "made", "friendly", "bound",
        "centric", "free", "proof", "like",
    ];
    t.text.split_once('-').is_some_and(|(head, tail)| {
        !head.is_empty()
            && !tail.contains('-')
            && tail.starts_with(char::is_lowercase)
            && (TAILS.contains(&tail)
                || ((tail.ends_with("ed") || tail.ends_with("ing"))
                    && tail.chars().count() >= 4
                    && knowledge.is_common_folded(&fold(tail))))
            && !is_given(t, knowledge)
    }) && known(std::slice::from_ref(t), knowledge).is_none()
}

/// A century or a numbered regime: "XIXe", "Ve"; not "Le" nor "Ce", words before numbers.
pub(super) fn is_roman_ordinal(t: &Token<'_>) -> bool {
    !contains(FUNCTION_WORDS, folded(t))
        && t.text
            .strip_suffix("ème")
            .or_else(|| t.text.strip_suffix("e"))
            .or_else(|| t.text.strip_suffix("er"))
            .is_some_and(|r| !r.is_empty() && r.chars().all(|c| "IVXLC".contains(c)))
}

/// Types a candidate from its words and what precedes it.
pub(super) fn classify(
    tokens: &[Token<'_>],
    c: &Candidate,
    knowledge: &Knowledge,
) -> Option<(Label, Evidence)> {
    let words = &tokens[c.first..=c.last];
    let folded_words: Vec<&str> = words.iter().map(folded).collect();
    let n = words.len();
    if n == 1 && is_road(words[0].text) {
        return Some((Label::Place, Evidence::Strong));
    }
    // A code in mixed case ("Baa2", a rating) is no place after "à" or "in" (nor anything else:
    // `guess` leaves it out too); in capitals it may be an acronym ("G7").
    if n == 1 && has_digit(&words[0]) && !words[0].is_all_caps() {
        return None;
    }
    // A legal form makes an organisation only at the end: "Siemens AG", not "Iyad Ag Ghaly"
    // (a Tuareg name: "Ag" is "son of").
    // Not a frequent given name that is also such a word, first before a surname: a particle
    // or words of no dictionary ("Marine Le Pen", "Marine Tondelier"; not "Marine Nationale",
    // "Marine Harvest", "Marine Corps").
    let given_then_surname = n >= 2
        && frequent_given(folded_words[0], knowledge)
        && (contains(SURNAME_PARTICLES, folded_words[1])
            || folded_words[1..]
                .iter()
                .all(|w| !knowledge.is_common_folded(w)));
    if folded_words.iter().enumerate().any(|(k, w)| {
        contains(ORG_WORDS, w)
            && (k + 1 == n || !contains(LEGAL_FORMS, w))
            && !(k == 0 && given_then_surname)
    }) {
        return Some((Label::Organisation, Evidence::Strong));
    }
    // "National Conference of State Legislatures": a plural head noun after "of" (joined so
    // by `capitalised_run`).
    if n >= 3
        && folded_words.contains(&"of")
        && folded_words
            .last()
            .is_some_and(|w| contains(ORG_PLURALS, w))
    {
        return Some((Label::Organisation, Evidence::Strong));
    }
    if folded_words.iter().any(|w| contains(PLACE_WORDS, w)) {
        return Some((Label::Place, Evidence::Strong));
    }
    // "B. Obama", "J-M Ayrault": an initial, then a name.
    if n >= 2 && (is_initial(&words[0]) || is_initial_pair(&words[0])) {
        return Some((Label::Person, Evidence::Strong));
    }
    // The two words before the name, nearest first.
    let previous = preceding_words(tokens, c.first, 2);
    // "retailer Tesco", "le groupe Wagner", "la mosquée Sidi Yahia": the common noun just
    // before a name says what it names, even when the name begins with a given name.
    if let Some(cue) = previous.first() {
        if contains(ORG_CUES, cue) {
            return Some((Label::Organisation, Evidence::Strong));
        }
        if contains(BUILDING_CUES, cue) {
            return Some((Label::Place, Evidence::Strong));
        }
    }
    // "le département du Lot", "la ville de Florence", "the state of Maine": an administrative
    // division's noun, then "de" or "of", names a place, even with a common or given name.
    if administrative_division_before(tokens, c.first) {
        return Some((Label::Place, Evidence::Strong));
    }
    // Names of things come after an article or a preposition of places ("the Victoria Cross",
    // "at Virginia Tech", "à la Milan Fashion Week"); people rarely do.
    let after_article_or_place_cue = previous.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "the" | "le" | "la" | "les" | "l'" | "du" | "des" | "au" | "aux"
        ) || is_place_cue(w)
    });
    // "Paris Métro": a known place's name then ordinary words is no person, even though
    // "Paris" is also a given name; "Gordon Brown" is one, and so is a name that begins with a
    // frequent given name then one word, unless it is a country's or comes after an article or
    // a preposition of places ("Vladimir Putin": a Russian city, then a word of the
    // dictionaries).
    let place_then_words = known(&words[..1], knowledge).is_some_and(|(_, entries)| {
        !(frequent_given(&words[0].folded, knowledge) && n == 2 && !after_article_or_place_cue)
            // A country's name stays the country ("France Culture", "France Télévisions").
            || entries.iter().any(|(_, e)| e.kind == "country")
    }) && words[1..]
        .iter()
        .all(|w| knowledge.is_common_folded(&w.folded));
    if is_given(&words[0], knowledge) && n >= 2 && !words[0].is_all_caps() && !place_then_words {
        return Some((Label::Person, Evidence::Strong));
    }
    if knowledge.is_given_folded(&words[0].folded)
        && n >= 2
        && words[1..].iter().all(|w| w.is_all_caps())
    {
        return Some((Label::Person, Evidence::Strong));
    }
    // "le blogueur Podoliaka", "President Trump"; not "ministre des Finances", nor what a role
    // is of ("le maire de Figeac", "the governor of Texas"): a place or an institution.
    let common_word = n == 1 && knowledge.is_common_folded(&words[0].folded);
    let of_before = previous
        .first()
        .is_some_and(|w| matches!(w.as_str(), "de" | "du" | "des" | "d'" | "of"));
    if !common_word && !of_before && previous.iter().any(|w| is_role_word(w)) {
        return Some((Label::Person, Evidence::Strong));
    }
    // An acronym is an organisation, unless it is a word in capitals ("TV", "PME", "UTC").
    if n == 1 && words[0].is_all_caps() && words[0].text.chars().count() <= 6 {
        return (!knowledge.is_common_folded(&words[0].folded))
            .then_some((Label::Organisation, Evidence::Strong));
    }
    if n == 1 && is_demonym(&words[0], knowledge) {
        return None;
    }
    if n == 1 && knowledge.near_place(words[0].text).is_some() {
        return Some((Label::Place, Evidence::Strong));
    }
    // A capitalised common word ("l’Est") needs more than a preposition to be a place.
    if n == 1 && knowledge.is_common_folded(&words[0].folded) {
        return None;
    }
    // "à Wikimedia Deutschland": an unknown name, then a country, is an institution of that
    // country, whatever the preposition before it says.
    if n >= 2 && names_a_country_branch(words, knowledge) {
        return Some((Label::Organisation, Evidence::Weak));
    }
    if previous.first().is_some_and(|w| is_place_cue(w))
        && !(n == 1 && after_bare_a(tokens, c.first))
    {
        return Some((Label::Place, Evidence::Weak));
    }
    // "dans le Donbass", "de la Crimée": a preposition, then an article; "de" as after no
    // article, only after a noun of places ("la région de la Ghouta", not "les ténors de la
    // Nouvelle Démocratie").
    if previous.len() == 2
        && matches!(previous[0].as_str(), "le" | "la" | "les" | "l'")
        && match previous[1].as_str() {
            "dans" | "vers" | "pour" | "sur" | "contre" => true,
            "de" => place_bound_before(tokens, c.first - 1),
            _ => false,
        }
    {
        return Some((Label::Place, Evidence::Weak));
    }
    None
}

/// Whether `words` are an unknown name (not a given name, not a known name, not a common word)
/// then a country's name, in French, English or its own language: "Wikimedia Deutschland",
/// "Amnesty France"; not "Angela Merkel", "Radio France" (a common word, typed elsewhere).
pub(super) fn names_a_country_branch(words: &[Token<'_>], knowledge: &Knowledge) -> bool {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let country = contains(COUNTRY_ENDONYMS, folded(last))
        || known(std::slice::from_ref(last), knowledge)
            .is_some_and(|(_, entries)| entries.iter().any(|(_, e)| e.kind == "country"));
    country
        && first.is_name_like()
        && !is_given(first, knowledge)
        && !knowledge.is_common_folded(&first.folded)
        && known(std::slice::from_ref(first), knowledge).is_none()
}

/// A road's number after a road's noun: "l'autoroute A20", "the M25 motorway" is not read (a
/// letter and digits alone are also ratings, strains and models: "A3", "D8").
pub(super) fn names_a_road(tokens: &[Token<'_>], i: usize) -> bool {
    is_road(tokens[i].text)
        && preceding_words(tokens, i, 1).first().is_some_and(|w| {
            matches!(
                w.as_str(),
                "autoroute"
                    | "route"
                    | "nationale"
                    | "departementale"
                    | "highway"
                    | "motorway"
                    | "interstate"
                    | "road"
            )
        })
}

/// Nouns of administrative divisions: "le département du Lot", "the county of Kent".
const DIVISIONS: &[&str] = &[
    "departement",
    "commune",
    "canton",
    "region",
    "province",
    "ville",
    "village",
    "state",
    "city",
    "town",
    "county",
    "district",
    "oblast",
    "comte",
    "etat",
    "arrondissement",
    "municipality",
    "municipalite",
    "governorate",
    "gouvernorat",
];

/// Whether the words before token `i` are a division's noun then "de"/"du"/"d'"/"of",
/// perhaps with an article ("département de l'Aube", "région de la Manche").
fn administrative_division_before(tokens: &[Token<'_>], i: usize) -> bool {
    let previous = preceding_words(tokens, i, 3);
    let words: Vec<&str> = previous.iter().map(String::as_str).collect();
    let noun = match words.as_slice() {
        ["l'" | "la" | "le", "de", noun, ..] => noun,
        ["du" | "de" | "d'" | "of", noun, ..] => noun,
        _ => return false,
    };
    DIVISIONS.contains(noun)
}

/// The folded words before token `i`, nearest first, within the sentence.
pub(super) fn preceding_words(tokens: &[Token<'_>], i: usize, count: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut j = i;
    while j > 0 && out.len() < count {
        j -= 1;
        let t = &tokens[j];
        if t.kind == Kind::Punct && t.text != "-" {
            break;
        }
        out.push(folded(t).to_owned());
        if t.sentence_start {
            break;
        }
    }
    out
}

/// Whether a noun or adverb of [`PLACE_BOUND`] comes before the "de" or "of" before token `i`,
/// directly or after up to two words within the sentence ("près de Figeac", "la banlieue très
/// peuplée d'Iju", "le centre spatial guyanais de Kourou"); "est" only directly ("à l'est de
/// Lyon"; elsewhere the verb: "son nom est celui de Renoir").
fn place_bound_before(tokens: &[Token<'_>], i: usize) -> bool {
    preceding_words(tokens, i, 4)
        .iter()
        .enumerate()
        .skip(1)
        // Not past another "de": "la base de données de Wikidata".
        .take_while(|(_, w)| !matches!(w.as_str(), "de" | "d'" | "du" | "des" | "of"))
        .any(|(k, w)| contains(PLACE_BOUND, w) && (k == 1 || w != "est"))
}

/// Whether the word before token `i` is "a" without an accent: the English article or the
/// French verb, which fold as "à" does but say nothing of a place. Not "A" opening a sentence,
/// which French writes for "À" ("A Lunéville, la mairie a voté").
fn after_bare_a(tokens: &[Token<'_>], i: usize) -> bool {
    i > 0 && tokens[i - 1].text == "a"
}

/// A nationality word ("Russes", "Ukrainiens", "Syrians"): not a known name, with a
/// nationality ending or the stem of a country's name.
pub(super) fn is_demonym(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    known(std::slice::from_ref(t), knowledge).is_none()
        && shaped_as_nationality(t, knowledge, DEMONYM_SUFFIXES)
}

/// A nationality's ending on a country's stem or on a common word, or a common word on a
/// country's stem, with `suffixes` as the endings.
fn shaped_as_nationality(t: &Token<'_>, knowledge: &Knowledge, suffixes: &[&str]) -> bool {
    let stem = knowledge.shares_country_stem(t.text);
    let common = knowledge.is_common_folded(&t.folded);
    (has_suffix(folded(t), suffixes) && (stem || common)) || (stem && common)
}

/// The frequency class up to which a given name is rare (of 1 to 13: "German" is 5,
/// "François" 9).
const RARE_GIVEN: u8 = 6;

/// A word shaped as a nationality's: a nationality's ending on the stem of a country's name
/// ("German", "Syrians", "Français"), whatever else it may be (a given name, a small place).
fn is_nationality_word(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    has_suffix(folded(t), DEMONYM_SUFFIXES) && knowledge.shares_country_stem(t.text)
}

/// Whether a lowercase word follows token `i` in its sentence.
fn lowercase_follows(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|t| {
        t.kind == Kind::Word
            && !t.sentence_start
            && t.text.chars().next().is_some_and(char::is_lowercase)
    })
}

/// A nationality's noun ("le Camerounais …", "l'Allemand …"): stricter than [`is_demonym`],
/// whose short endings common nouns share ("la Gazette des Communes", "la Tribune").
pub(super) fn is_nationality_noun(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    known(std::slice::from_ref(t), knowledge).is_none()
        && shaped_as_nationality(t, knowledge, NATIONALITY_SUFFIXES)
}

/// A road number: "A20", "M25", "I-95", "N7".
pub(super) fn is_road(word: &str) -> bool {
    let mut chars = word.chars();
    let road_letter = chars.next().is_some_and(|c| "ADNMEIBR".contains(c));
    let rest = chars.as_str().trim_start_matches('-');
    road_letter && !rest.is_empty() && rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_digit())
}

/// Whether `word` has a capital right after a lowercase letter, not right after a surname's
/// prefix ("DeSantis", "McCarthy", "MacKenzie", "LeBron", "DiCaprio", "VanDyke").
fn camel_case(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "Fitz", "St", "Al", "El",
    ];
    let chars: Vec<char> = word.chars().collect();
    let inner = (1..chars.len()).find(|&i| chars[i].is_uppercase() && chars[i - 1].is_lowercase());
    inner.is_some_and(|i| {
        chars[0].is_uppercase()
            && chars.iter().all(|c| c.is_alphabetic())
            && !PREFIXES
                .iter()
                .any(|p| p.chars().count() == i && word.starts_with(p))
    })
}

/// The last resort for a candidate with no evidence.
pub(super) fn guess(
    tokens: &[Token<'_>],
    c: &Candidate,
    knowledge: &Knowledge,
) -> Option<(Label, Evidence)> {
    let words = &tokens[c.first..=c.last];
    if words.len() == 1 {
        let t = &words[0];
        // A capital inside a word makes a brand or an organisation ("PolitiFact", "HomePlus",
        // "UOKiK"), not after a surname's prefix ("DeSantis", "McCarthy", "LeBron") nor a
        // given name ("JoAnne").
        if camel_case(t.text) && !knowledge.is_given_folded(&t.folded) {
            return Some((Label::Organisation, Evidence::Fair));
        }
        // A capitalised common word or sentence-initial word with no other evidence is not a name.
        // Nor is a code with digits ("Baa2", a rating; roads were found before).
        if t.sentence_start
            || knowledge.is_common_folded(&t.folded)
            || t.is_all_caps()
            || has_digit(t)
        {
            return None;
        }
        let previous = preceding_words(tokens, c.first, 1);
        return match previous.first().map(String::as_str) {
            // "a Linux distribution", "il a Twitter": the English article or the French verb,
            // not "à" with its accent folded away.
            Some("a") if after_bare_a(tokens, c.first) => None,
            // "l’Inrap", "l’Unesco": in French an elided article before an unknown name is
            // mostly an organisation (places and countries are in the gazetteer).
            // Not a compound of common words: "l'Etat-clé" ("le Mont-Blanc" is a place).
            Some("l'")
                if t.folded
                    .split('-')
                    .all(|part| part.is_empty() || knowledge.is_common_folded(part)) =>
            {
                None
            }
            Some("l'") => Some((Label::Organisation, Evidence::Weak)),
            Some("a" | "au" | "en" | "in" | "at" | "from" | "near" | "to") => {
                Some((Label::Place, Evidence::Weak))
            }
            // "de", "of" say a place only after a noun or an adverb whose complement is
            // mostly one ("près de Figeac", "la maternité de Figeac", "the mayor of Kherson"),
            // not after any noun ("un article de Wikinews", "la version d'Ubuntu", "les
            // tableaux de Renoir", "the release of Skyfall").
            Some("de" | "d'" | "du" | "of") if place_bound_before(tokens, c.first) => {
                Some((Label::Place, Evidence::Weak))
            }
            Some("de" | "d'" | "du" | "of") => None,
            _ if has_suffix(folded(t), PLACE_SUFFIXES) => Some((Label::Place, Evidence::Weak)),
            // "the Ural region", "the Kali river": a place's head noun after it in lowercase.
            _ if tokens.get(c.last + 1).is_some_and(|n| {
                n.kind == Kind::Word
                    && n.text.starts_with(char::is_lowercase)
                    && contains(PLACE_WORDS, folded(n))
            }) =>
            {
                Some((Label::Place, Evidence::Weak))
            }
            // A capitalised word that nothing identifies is no person by default ("Linux",
            // "Skyfall"): a verb of saying after it makes one ("Podoliaka a déclaré").
            _ if says(tokens, c.last) => Some((Label::Person, Evidence::Fair)),
            // A nationality's word that is also a rare given name ("German") before a
            // lowercase word is an adjective: "the German government", "German officials"
            // ("François was there" is a person: a common given name).
            _ if is_nationality_word(t, knowledge)
                && knowledge
                    .given_class(&t.folded)
                    .is_some_and(|class| class <= RARE_GIVEN)
                && lowercase_follows(tokens, c.last) =>
            {
                None
            }
            // A given name alone is a person ("Mathilde", "Hassan").
            _ if is_given(t, knowledge) => Some((Label::Person, Evidence::Fair)),
            _ => None,
        };
    }
    let has_connector = words.iter().any(|w| !w.is_name_like());
    // A known place inside a longer unknown name makes an institution: "Wikimedia France",
    // "Ouest France", "Réseau Ferré de France".
    let has_place = words.iter().any(|w| {
        known(std::slice::from_ref(w), knowledge)
            .is_some_and(|(_, entries)| entries.iter().any(|(_, e)| e.label == Label::Place))
    }) || names_a_country_branch(words, knowledge);
    // Capitalised ordinary words ("Seconde Guerre", "Grand Chelem") are no name.
    if words
        .iter()
        .all(|w| knowledge.is_common_folded(&w.folded) || !w.is_name_like())
    {
        return None;
    }
    // A name with a code in it ("OGP NK603", "Airbus A380") is a product's: no entity.
    if words.iter().any(has_digit) {
        return None;
    }
    // People's names do not end with a common word ("Hollywood Reporter", "Travaux Publics"),
    // nor are they acronyms only ("GNU GPL", "ZANU PF": names in capitals that begin with a
    // given name were found before).
    let ends_common = words
        .last()
        .is_some_and(|w| knowledge.is_common_folded(&w.folded));
    // A name that begins with an acronym is an organisation's ("BNP Paribas Fortis").
    let acronyms = words.iter().all(Token::is_all_caps)
        || (words[0].is_all_caps() && words[0].text.chars().count() >= 3);
    // A given name after the first word makes a person's name even when it ends with a common
    // word ("Tynice Nichole Hall"); four words with no common one are a person's too ("Aung San
    // Suu Kyi"; not "Acute Primary Care Clinic").
    let given_inside = words[1..]
        .iter()
        .any(|w| is_given(w, knowledge) && !w.is_all_caps());
    let common = |w: &Token<'_>| knowledge.is_common_folded(&w.folded);
    // Particles inside a name do not make it longer ("Zine El Abidine Ben Ali" is three names
    // and two particles).
    let inner = &words[1..words.len() - 1];
    let particles = inner
        .iter()
        .filter(|w| {
            let f = folded(w);
            contains(SURNAME_PARTICLES, f) || contains(super::candidates::INNER_PARTICLES, f)
        })
        .count();
    let names = words.len() - particles;
    if (names <= 3 || (names == 4 && !words.iter().any(common)))
        && !has_connector
        && !has_place
        && (!ends_common || given_inside)
        && !acronyms
    {
        Some((Label::Person, Evidence::Weak))
    } else {
        Some((Label::Organisation, Evidence::Weak))
    }
}

/// Whether a word holds a digit: a code ("NK603", "Baa2"), never a person's or place's name.
fn has_digit(t: &Token<'_>) -> bool {
    t.text.chars().any(|c| c.is_ascii_digit())
}

/// Whether a verb of saying follows token `i` ("Podoliaka a déclaré", "Smith said", "a-t-il
/// ajouté" excluded: the verb must come after the name, with at most an auxiliary between).
pub(super) fn says(tokens: &[Token<'_>], i: usize) -> bool {
    let next: Vec<&str> = tokens[i + 1..]
        .iter()
        .take_while(|t| t.kind == Kind::Word && !t.sentence_start)
        .take(2)
        .map(folded)
        .collect();
    match next.as_slice() {
        [verb, ..] if contains(SAYING_VERBS, verb) => true,
        [aux, verb, ..] if contains(AUXILIARIES, aux) => contains(SAYING_VERBS, verb),
        _ => false,
    }
}

/// Whether a year in parentheses follows the name ending at token `last`, directly or after a
/// lowercase continuation of the title within the sentence ("et les reliques de la mort,
/// partie 2 (2011)"): a work and its year. A range ("(1950-2020)", a life) is not one.
pub(super) fn dated_title(tokens: &[Token<'_>], last: usize) -> bool {
    let rest = &tokens[last + 1..];
    let year = |i: usize| {
        rest.get(i).is_some_and(|t| t.text == "(")
            && rest.get(i + 1).is_some_and(|t| {
                t.kind == Kind::Number
                    && t.text.len() == 4
                    && (t.text.starts_with("19") || t.text.starts_with("20"))
            })
            && rest.get(i + 2).is_some_and(|t| t.text == ")")
    };
    for i in 0..12 {
        if year(i) {
            return true;
        }
        let Some(t) = rest.get(i) else { return false };
        let continues = !t.sentence_start
            && match t.kind {
                Kind::Word | Kind::Elision => t.text.starts_with(char::is_lowercase),
                Kind::Number => i > 0,
                Kind::Punct => t.text == "," && i > 0,
                Kind::Possessive => false,
            };
        if !continues {
            return false;
        }
    }
    false
}

/// Whether the name at token `first` is given in quotes after a verb of naming or a number:
/// "baptisé « Quantal Quetzal »", "surnommé « le Boucher »", "dubbed “Operation Warp Speed”",
/// "la 13.04 « Raring Ringtail »" — a nickname, a product's or a release's name, no entity.
pub(super) fn named_in_quotes(tokens: &[Token<'_>], first: usize) -> bool {
    first >= 2
        && matches!(tokens[first - 1].text, "«" | "\"" | "“" | "‘")
        && (contains(NAMING_WORDS, folded(&tokens[first - 2])) || has_digit(&tokens[first - 2]))
}

/// Whether the name at token `first` is a release's label in capitals right after a version's
/// number ("Ubuntu 12.04 LTS", "la 3.0 RC"): part of a product's name, no entity. A name in
/// other letters after such a number stays ("At 10.30 Rishi Sunak will speak").
pub(super) fn after_version(tokens: &[Token<'_>], first: usize) -> bool {
    first >= 3 && tokens[first].is_all_caps() && separated_number(tokens, first - 3, &["."])
}

/// Whether the name at token `first` is the title of a work: right after a word such as
/// "film" or "novel", or in a list after "connu pour", "known for" ("connu pour Gladiator,
/// Lincoln"). Walks back over the list (names, commas, "et", "and") within the sentence.
pub(super) fn names_a_work(tokens: &[Token<'_>], first: usize) -> bool {
    let mut j = first;
    let mut steps = 0;
    while j > 0 && steps < 16 {
        steps += 1;
        let t = &tokens[j];
        if t.sentence_start {
            return false;
        }
        j -= 1;
        let p = &tokens[j];
        let f = folded(p);
        if contains(WORK_CUES, f) {
            return true;
        }
        if matches!(f, "pour" | "for")
            && j > 0
            && matches!(
                folded(&tokens[j - 1]),
                "connu" | "connue" | "connus" | "celebre" | "known" | "famous" | "renowned"
            )
        {
            return true;
        }
        let in_list = p.text == "," || matches!(f, "et" | "and") || p.is_name_like();
        if !in_list {
            return false;
        }
    }
    false
}
