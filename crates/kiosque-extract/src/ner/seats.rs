//! Seats of power named for their occupant. "The White House said", "l'Élysée a annoncé",
//! "un porte-parole de Matignon" name the institution (an organisation); "at the White House",
//! "devant l'Élysée", "le perron de Matignon" name the building (a place). The gazetteer lists
//! the seats as organisations, so that both readings of one seat, in French and in English, are
//! one entity (the linker keys a gazetteer entry's mentions by the entry's label); the label of
//! each mention is read here from the words around it: a place's preposition or a part of the
//! building makes the place, anything else (a subject, a noun's modifier, a complement) the
//! institution.

use super::classify::{frequent_given, preceding_words};
use super::*;

/// The seats of power of the gazetteer (`tools/gazetteer/organisations.src.tsv`), by their
/// English name as the gazetteer writes it. Each is named for its occupant in general news and rarely means
/// anything else: not "Bercy" (a Paris district and its arena as often as the ministry), "Blue
/// House" (a common phrase), "Capitol" (a building only, and state capitols, "Capitol
/// Records"), "Number 10" (a shirt, a bus).
pub(super) const SEATS: &[&str] = &[
    "White House",
    "Élysée Palace",
    "Matignon",
    "Downing Street",
    "Quai d'Orsay",
    "Whitehall",
    "Capitol Hill",
    "Zhongnanhai",
    "Casa Rosada",
    "Palazzo Chigi",
];

/// Prepositions after which a seat is the building: "at the White House", "outside Downing
/// Street", "marched down Whitehall", "à la Maison-Blanche", "devant l'Élysée", "depuis
/// Matignon", "jusqu'à Downing Street". Folded: "a" is "à" (see [`place_before`] for the
/// English article and the French verb).
#[rustfmt::skip]
const PLACE_PREPOSITIONS: &[&str] = &[
    "at", "in", "inside", "outside", "into", "onto", "to", "near", "toward", "towards", "around",
    "across", "within", "past", "along", "down", "beside", "behind", "opposite", "a", "au",
    "dans", "devant", "derriere", "depuis", "vers",
];

/// Words after which "to" or "à" addresses the institution rather than leads to the building:
/// "according to the White House", "sources close to Downing Street", "an adviser to the White
/// House", "une lettre à l'Élysée", "il a demandé à la Maison-Blanche".
#[rustfmt::skip]
const ADDRESSING_WORDS: &[&str] = &[
    "according", "close", "closer", "closest", "due", "thanks", "owing", "adviser", "advisers",
    "advisor", "advisors", "counsel", "counselor", "counsellor", "aide", "aides", "loyal",
    "letter", "letters", "appeal", "appeals", "request", "requests", "report", "reports",
    "reporting", "answer", "answers", "answerable", "lettre", "lettres", "courrier", "message",
    "messages", "appel", "demande", "demandent", "reproche", "reprochent", "ecrit", "ecrire",
    "repond", "repondu", "repondre", "appartient", "revient", "incombe", "adresse", "adressee",
];

/// Words before "de" or "of" after which a seat is the building: near it ("près de Matignon",
/// "in front of the White House", "aux abords de l'Élysée"), visiting it ("la visite de
/// l'Élysée") or coming out of it ("walked out of the White House", "sorti de l'Élysée"); the
/// parts of a building ([`BUILDING_PARTS`]) count too.
#[rustfmt::skip]
const NEAR_WORDS: &[&str] = &[
    "pres", "autour", "face", "cote", "abords", "proximite", "loin", "environs", "alentours",
    "front", "outside", "inside", "steps", "marches", "visite", "visites", "visit", "visits",
    "out", "sortie", "sorti", "sortis", "sortir", "sortant",
];

/// Parts of a building: before "de" or "of" ("le perron de l'Élysée", "the lawn of the White
/// House") or, in English, after the seat ("the White House lawn", "the White House's South
/// Lawn", "the Downing Street door"), they make the seat the building.
#[rustfmt::skip]
const BUILDING_PARTS: &[&str] = &[
    "perron", "cour", "jardin", "jardins", "grilles", "couloir", "couloirs", "salon", "salons",
    "pelouse", "toit", "aile", "enceinte", "murs", "porte", "portes", "fenetres", "lawn", "lawns",
    "grounds", "gate", "gates", "doorstep", "door", "balcony", "corridor", "corridors", "halls",
    "roof", "walls", "basement", "perimeter", "fence", "garden", "gardens", "wing", "room",
    "rooms", "residence", "compound", "courtyard", "driveway",
];

/// Nouns before a seat's name that make it the name of something else: a street ("avenue
/// Matignon", "la rue de l'Élysée"), a station or a district ("la station Maison Blanche"), a
/// hospital ("l'hôpital Maison-Blanche").
#[rustfmt::skip]
const OTHER_NAMED: &[&str] = &[
    "rue", "avenue", "boulevard", "place", "impasse", "allee", "quai", "station", "metro", "gare",
    "arret", "quartier", "hopital", "cite", "street", "road", "hospital",
];

/// Lowercase head nouns of a seat's full name, written before it: "l'hôtel Matignon", "au palais
/// de l'Élysée".
const SEAT_HEADS: &[&str] = &["hotel", "palais"];

/// Whether a gazetteer entry is a seat of power ([`SEATS`]).
fn is_seat(entry: &knowledge::Entry) -> bool {
    entry.label == Label::Organisation && SEATS.contains(&entry.en.as_str())
}

/// Gives each candidate that names a seat of power the seat's entry (before a place's of the
/// same name: "Maison Blanche" is also a town) and the label its context says: the building
/// (a place) or the institution (an organisation). A seat's name that names something else
/// ("avenue Matignon") is left an ordinary name.
pub(super) fn read_seats(
    tokens: &[Token<'_>],
    candidates: &mut Vec<Candidate>,
    knowledge: &Knowledge,
) {
    split_occupants(tokens, candidates, knowledge);
    split_parts(tokens, candidates, knowledge);
    for c in candidates.iter_mut() {
        let Some((n, entries)) = known(&tokens[c.first..=c.last], knowledge) else {
            continue;
        };
        let Some(&(seat, _)) = entries.iter().find(|(_, e)| is_seat(e)) else {
            continue;
        };
        if n != c.last + 1 - c.first {
            continue;
        }
        let words = preceding_words(tokens, c.first, 6);
        if names_other(&words) {
            let other = entries.iter().find(|(_, e)| !is_seat(e));
            c.label = other.map(|(_, e)| (e.label, Evidence::Strong));
            c.entry = other.map(|(id, _)| *id);
            continue;
        }
        let label = if place_before(tokens, c.first, &words)
            || part_after(tokens, c.last)
            || named_part(tokens, c.last + 1).is_some()
        {
            Label::Place
        } else {
            Label::Organisation
        };
        c.label = Some((label, Evidence::Strong));
        c.entry = Some(seat);
    }
}

/// "The Biden White House", "the Trump White House": a seat named after its occupant of the
/// time is the seat, and the occupant's name before it, one or two capitalised words, is a name
/// of its own (which the rest of recognition types). Not after a frequent given name alone,
/// which begins a person's name with the seat's first word ("Jack White"), nor after a head
/// noun, whose name the seat's is ("Avenue Matignon", "Hôpital Maison-Blanche").
fn split_occupants(tokens: &[Token<'_>], candidates: &mut Vec<Candidate>, knowledge: &Knowledge) {
    let mut i = 0;
    while i < candidates.len() {
        let c = &candidates[i];
        if c.entry.is_some() {
            i += 1;
            continue;
        }
        let seat = (c.first + 1..=c.last.min(c.first + 2)).find(|&k| {
            tokens[c.first..k].iter().all(|t| {
                let f = folded(t);
                t.kind == Kind::Word
                    && t.is_capitalized()
                    && !contains(PLACE_WORDS, f)
                    && !contains(ORG_WORDS, f)
                    && !contains(OTHER_NAMED, f)
            }) && known(&tokens[k..=c.last], knowledge).is_some_and(|(n, entries)| {
                n == c.last + 1 - k && entries.iter().any(|(_, e)| is_seat(e))
            })
        });
        if let Some(k) = seat
            && !(k == c.first + 1 && frequent_given(&tokens[c.first].folded, knowledge))
        {
            let last = c.last;
            candidates[i].last = k - 1;
            candidates[i].label = None;
            candidates.insert(
                i + 1,
                Candidate {
                    first: k,
                    last,
                    label: None,
                    entry: None,
                },
            );
            i += 1;
        }
        i += 1;
    }
}

/// A room or the grounds of a seat named after it: "the White House Oval Office", "the White
/// House Rose Garden", "the White House South Lawn". The seat is the building then, and the
/// room's name (one or two capitalised words that end with a part of a building, "Office"
/// included, not after an organisation's word: "the White House Press Office" is a service) is
/// a place of its own. The last token of the room's name starting at token `i`, if one does.
fn named_part(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let words = tokens
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take(2)
        .take_while(|t| t.kind == Kind::Word && t.is_capitalized() && !t.sentence_start)
        .count();
    (1..=words).rev().map(|n| i + n - 1).find(|&last| {
        let f = folded(&tokens[last]);
        (contains(BUILDING_PARTS, f) || f == "office")
            && (last == i || !contains(ORG_WORDS, folded(&tokens[i])))
            && (last > i || f != "office")
    })
}

/// Splits a seat from the room's name after it ([`named_part`]), whether recognition read them
/// as one name ("White House Oval Office", an organisation for its "Office") or cut them on a
/// given name ("Rose Garden", a person): the room is a place.
fn split_parts(tokens: &[Token<'_>], candidates: &mut Vec<Candidate>, knowledge: &Knowledge) {
    let mut i = 0;
    while i < candidates.len() {
        let c = &candidates[i];
        // Either a name longer than a seat that no entry types, or a room's name right after.
        let room_next = candidates.get(i + 1).is_some_and(|next| {
            next.first == c.last + 1 && named_part(tokens, next.first) == Some(next.last)
        });
        if !(room_next || (c.entry.is_none() && c.first < c.last)) {
            i += 1;
            continue;
        }
        let seat = known(&tokens[c.first..=c.last], knowledge)
            .filter(|(_, entries)| entries.iter().any(|(_, e)| is_seat(e)))
            .map(|(n, _)| c.first + n - 1);
        if let Some(end) = seat
            && end < c.last
            && c.entry.is_none()
            && named_part(tokens, end + 1) == Some(c.last)
        {
            let last = c.last;
            candidates[i].last = end;
            candidates.insert(
                i + 1,
                Candidate {
                    first: end + 1,
                    last,
                    label: None,
                    entry: None,
                },
            );
        }
        let end = candidates[i].last;
        if seat == Some(end)
            && let Some(next) = candidates.get_mut(i + 1)
            && next.first == end + 1
            && named_part(tokens, next.first) == Some(next.last)
        {
            next.label = Some((Label::Place, Evidence::Strong));
            next.entry = None;
            i += 1;
        }
        i += 1;
    }
}

/// Where the words before a seat (`words`, nearest first) leave its article and the lowercase
/// head noun of its full name: "at [the] White House", "à [l'hôtel] Matignon", "au [palais de
/// l']Élysée". The index in `words` of the first word before them.
fn before_name(words: &[String]) -> usize {
    let article = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| matches!(w.as_str(), "the" | "le" | "la" | "l'"))
    };
    let word = |k: usize| words.get(k).map(String::as_str);
    // A street number: "at 10 Downing Street".
    let number = usize::from(word(0).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())));
    let mut k = number + usize::from(article(number));
    if word(k).is_some_and(|w| SEAT_HEADS.contains(&w)) {
        k += 1;
    } else if word(k) == Some("de") && word(k + 1).is_some_and(|w| SEAT_HEADS.contains(&w)) {
        k += 2;
    } else {
        return k;
    }
    k + usize::from(article(k))
}

/// Whether the words before a seat (`words`, nearest first) make it the name of something
/// else ([`OTHER_NAMED`]): the noun right before it, or before "de" ("la rue de l'Élysée").
fn names_other(words: &[String]) -> bool {
    let k = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(w.as_str(), "le" | "la" | "l'")),
    );
    let noun = match (words.first(), words.get(k)) {
        (Some(first), _) if contains(OTHER_NAMED, first) => return true,
        (_, Some(de)) if matches!(de.as_str(), "de" | "du" | "d'") => words.get(k + 1),
        _ => None,
    };
    noun.is_some_and(|w| contains(OTHER_NAMED, w))
}

/// Whether the words before the seat at token `first` (`words`, nearest first) make it the
/// building: a place's preposition ([`PLACE_PREPOSITIONS`]; "to" and "à" not after an
/// [`ADDRESSING_WORDS`] one, "à" written with its accent, or "A" opening a sentence before an
/// article: "A la Maison Blanche, …", not "A White House official"), or "de", "of" after a word
/// of [`NEAR_WORDS`] or [`BUILDING_PARTS`].
fn place_before(tokens: &[Token<'_>], first: usize, words: &[String]) -> bool {
    let k = before_name(words);
    let Some(word) = words.get(k) else {
        return false;
    };
    let before = words.get(k + 1).map(String::as_str);
    let addressed = || before.is_some_and(|w| contains(ADDRESSING_WORDS, w));
    match word.as_str() {
        "de" | "d'" | "du" | "of" => {
            before.is_some_and(|w| contains(NEAR_WORDS, w) || contains(BUILDING_PARTS, w))
        }
        "to" => !addressed(),
        "a" => {
            // `words[k]` is the folded text of the token `k + 1` places before `first`.
            let written = tokens[first - k - 1].text;
            (written == "à" || written == "À" || (written == "A" && k > 0)) && !addressed()
        }
        w => contains(PLACE_PREPOSITIONS, w),
    }
}

/// Whether a part of the building follows the seat ending at token `last`, within two words,
/// after its possessive or not: "the White House lawn", "the White House's South Lawn", "the
/// White House briefing room".
fn part_after(tokens: &[Token<'_>], last: usize) -> bool {
    let mut k = last + 1;
    if tokens.get(k).is_some_and(|t| t.kind == Kind::Possessive) {
        k += 1;
    }
    tokens
        .get(k..)
        .unwrap_or_default()
        .iter()
        .take(2)
        .take_while(|t| t.kind == Kind::Word && !t.sentence_start)
        .any(|t| contains(BUILDING_PARTS, folded(t)))
}
