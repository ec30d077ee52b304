//! Organisations named the French way: a capitalised head noun, its lowercase adjectives and
//! complements ("la Cour constitutionnelle", "l'Observatoire syrien des droits de l'homme",
//! "le Tribunal correctionnel de Paris").

use super::*;

/// French organisation names end with lowercase adjectives after their head noun: "Parti
/// communiste chinois", "Armée syrienne libre", "Cour suprême".
pub(super) fn extend_with_adjectives(
    tokens: &[Token<'_>],
    covered: &[bool],
    c: &mut Candidate,
    knowledge: &Knowledge,
) {
    if c.label.map(|l| l.0) != Some(Label::Organisation) || c.entry.is_some() {
        return;
    }
    let head = folded(&tokens[c.last]);
    if !contains(ORG_WORDS, head) && !contains(INSTITUTION_HEADS, head) {
        return;
    }
    // After a French article ("la Cour", "du Parquet") the French endings of adjectives and
    // complements apply; "the Nuclear Agency earlier" is English.
    let french = after_french_article(tokens, c.first)
        || c.first > 0 && matches!(folded(&tokens[c.first - 1]), "de" | "d'");
    let adjectives = |mut last: usize, most: usize| {
        let limit = last + most;
        while last + 1 < tokens.len()
            && last < limit
            && !covered[last + 1]
            && adjective_at(tokens, last + 1, knowledge, french)
        {
            last += 1;
        }
        last
    };
    let mut last = adjectives(c.last, 3);
    // "la Fédération belge du secteur financier", "l'Observatoire syrien des droits de
    // l'homme", "la Banque centrale du Japon": after its adjectives, a French name goes on with
    // up to two complements of lowercase nouns, or one known place, not with one that says
    // whose it is ("la Cour suprême du pays").
    if last > c.last && french {
        for _ in 0..2 {
            match complement(tokens, covered, last, knowledge) {
                Some(Complement::Noun(noun)) => last = adjectives(noun, 2),
                Some(Complement::Place(end)) => {
                    last = end;
                    break;
                }
                None => break,
            }
        }
    }
    c.last = last;
}

/// Nouns whose complement says whose an institution is, not what it is called: "la Cour
/// suprême du pays", "le Conseil national de la ville"; and words after "de" that are no
/// complement ("de nouveau", "du coup", "des années").
#[rustfmt::skip]
const OWNER_NOUNS: &[&str] = &[
    "pays", "ville", "region", "etat", "gouvernement", "monde", "president", "ministre",
    "capitale", "province", "commune", "departement", "territoire", "royaume", "republique",
    "parti", "regime", "opposition", "majorite", "groupe", "societe", "entreprise", "nouveau",
    "coup", "abord", "ailleurs", "ici", "fait", "cote", "fois", "plus", "moins", "meme", "suite",
    "part", "annee", "annees", "mois", "semaine", "semaines", "jour", "jours", "janvier",
    "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "club", "equipe",
];

/// What continues an organisation's name after "de": a lowercase noun, or a known place.
enum Complement {
    /// The noun's position.
    Noun(usize),
    /// The position of the place's last token.
    Place(usize),
}

/// After token `last`: "de", "du", "des" or "d'", an article, then a lowercase noun (not an
/// [`OWNER_NOUNS`] one, nor an infinitive after a bare "de": "la Commission électorale de
/// publier") or a known place ("de Paris", "du Japon", "des États-Unis") on the same line.
fn complement(
    tokens: &[Token<'_>],
    covered: &[bool],
    last: usize,
    knowledge: &Knowledge,
) -> Option<Complement> {
    let free = |k: usize| k < tokens.len() && !tokens[k].after_newline;
    let mut k = last + 1;
    if !free(k) || covered[k] {
        return None;
    }
    let of = folded(&tokens[k]);
    if !matches!(of, "de" | "du" | "des" | "d'") {
        return None;
    }
    k += 1;
    let mut bare = of == "de" || of == "d'";
    if free(k) && of == "de" && matches!(folded(&tokens[k]), "la" | "l'") {
        k += 1;
        bare = false;
    }
    let noun = tokens.get(k).filter(|_| free(k))?;
    if noun.is_capitalized() {
        let (n, entries) = known(&tokens[k..], knowledge)?;
        let place = entries.iter().any(|(_, e)| e.label == Label::Place);
        return place.then_some(Complement::Place(k + n - 1));
    }
    let f = folded(noun);
    let infinitive = bare && (f.ends_with("er") || f.ends_with("ir"));
    (noun.kind == Kind::Word
        && !covered[k]
        && noun.text.starts_with(char::is_lowercase)
        && !contains(FUNCTION_WORDS, f)
        && !contains(OWNER_NOUNS, f)
        && !infinitive)
        .then_some(Complement::Noun(k))
}

/// Adjectives that say which one or what kind, not the name: "le Conseil actuel", "le Parti
/// majoritaire", "la Commission spéciale"; and verbs of the third person with an adjective's
/// ending ("la Commission considère", "le Parquet indique").
#[rustfmt::skip]
const NOT_OF_NAMES: &[&str] = &[
    "hier", "dernier", "premier", "actuel", "actuelle", "entier", "entiere", "majoritaire",
    "presidentiel", "presidentielle", "special", "speciale", "annuel", "annuelle",
    "parlementaire", "directeur", "directrice", "regulier", "policier", "prochain", "prochaine",
    "precedent", "precedente", "ancien", "ancienne", "local", "locale", "municipal",
    "municipale", "extraordinaire", "restreint", "elargi", "pleniere", "permanent", "permanente",
    "provisoire", "considere", "delibere", "prefere", "espere", "gere", "opere", "exagere",
    "modere", "tolere", "libere", "genere", "reitere", "indique", "explique", "critique",
    "applique", "communique", "implique", "revendique", "pratique", "replique", "fabrique",
    "appelle", "rappelle", "renouvelle", "interpelle", "insiste", "existe", "resiste", "assiste",
    "persiste", "arrive", "prive", "derive", "cultive", "motive", "signale", "installe",
    "suggere", "digere", "executif", "martiale",
];

/// French endings (and two words) that only a French article before the head makes
/// adjectives ("secteur financier", "Commission électorale indépendante", "Mutualité sociale
/// agricole", "Conseil musulman").
#[rustfmt::skip]
const FRENCH_ONLY_SUFFIXES: &[&str] = &[
    "ier", "iers", "ante", "antes", "ant", "ants", "iens", "iennes", "cole", "coles", "ome",
    "omes", "ales", "ives", "musulman", "musulmane",
];

/// Whether token `i` is a lowercase French adjective that may follow an organisation's head
/// noun ("communiste", "syrienne", "libre"), on the same line.
///
/// With `french`, [`FRENCH_ONLY_SUFFIXES`] count too. A word with a verb's ending ("-ique",
/// "-iste", "-ère", "-ive", "-elle") before an article, "que" or a preposition is the verb: "la
/// Commission critique le projet".
fn adjective_at(tokens: &[Token<'_>], i: usize, knowledge: &Knowledge, french: bool) -> bool {
    let t = &tokens[i];
    let f = folded(t);
    let verb_like = has_suffix(f, &["ique", "iste", "ere", "ive", "elle"])
        && tokens.get(i + 1).is_some_and(|next| {
            let after = folded(next);
            const OBJECTS: &[&str] = &[
                "le", "la", "les", "l'", "un", "une", "que", "qu'", "ne", "n'", "se", "s'", "au",
                "aux", "sur", "depuis", "pour",
            ];
            next.text == "à"
                || contains(OBJECTS, after)
                // "la Cour suggère de": an "-ère" word before "de" is a verb ("hospitalière"
                // is none).
                || (f.ends_with("ere") && !f.ends_with("iere") && matches!(after, "de" | "d'"))
        });
    t.kind == Kind::Word
        && !t.after_newline
        && t.text.starts_with(char::is_lowercase)
        && !contains(FUNCTION_WORDS, f)
        && !contains(NOT_OF_NAMES, f)
        && !verb_like
        && (has_suffix(f, ADJECTIVE_SUFFIXES)
            || contains(SHORT_ADJECTIVES, f)
            || (french && has_suffix(f, FRENCH_ONLY_SUFFIXES)))
        && !knowledge.is_given_folded(&t.folded)
}

/// Head nouns of French institutions whose capital and the adjectives after it make a name
/// ("la Cour constitutionnelle", "la Mutualité française"); not those that a nationality makes
/// no name of ("le Gouvernement français", "l'Armée russe").
#[rustfmt::skip]
const INSTITUTION_HEADS: &[&str] = &[
    "cour", "parquet", "conseil", "tribunal", "autorite", "federation", "confederation",
    "mutualite", "agence", "banque", "commission", "ministere", "institut", "parti", "assemblee",
    "chambre", "caisse", "inspection", "observatoire", "syndicat", "ligue", "comite", "fondation",
    "association", "academie", "union", "alliance", "front", "rassemblement", "mouvement",
    "coalition", "parlement", "eglise", "conference", "organisation", "universite", "office",
];

/// Whether token `i`, written with a capital inside a sentence after a French article ("la",
/// "du", "l'"), is an institution's head noun followed by an adjective: the start of its name.
pub(super) fn institution_head(tokens: &[Token<'_>], i: usize, knowledge: &Knowledge) -> bool {
    let t = &tokens[i];
    t.is_capitalized()
        && !t.is_all_caps()
        && !t.sentence_start
        && contains(INSTITUTION_HEADS, folded(t))
        && after_french_article(tokens, i)
        && i + 1 < tokens.len()
        && adjective_at(tokens, i + 1, knowledge, true)
}

/// Whether a French definite article, or its contraction with "de" or "à", is right before
/// token `i`: "la", "le", "les", "l'", "du", "au", "aux", "des".
pub(super) fn after_french_article(tokens: &[Token<'_>], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| {
        matches!(
            folded(&tokens[p]),
            "la" | "le" | "les" | "l'" | "du" | "au" | "aux" | "des"
        )
    })
}
