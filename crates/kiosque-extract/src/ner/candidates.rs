//! Finding name candidates: known names, runs of capitalised words, and splitting them into
//! roles and names.

use super::classify::{
    is_fragment, is_given, is_initial, is_nationality_noun, is_roman_ordinal, names_a_road,
    preceding_words,
};
use super::institutions::{after_french_article, institution_head};
use super::*;

/// Connecting words allowed inside a name between capitalised words.
pub(super) const CONNECTORS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "d'", "l'", "of", "the", "von", "van", "der", "den",
    "da", "di", "del", "della", "dos", "das", "do", "bin", "ibn", "al", "el", "y", "&", "for",
    "on", "upon", "sur",
];

/// Connectors that may join two capitalised words without a head noun before them.
pub(super) const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "da", "di", "del", "dos", "bin", "ibn", "al", "el", "y", "abu",
    "abou",
];

/// Words a person's name may carry before another given name ("Abu Bakr", "Le Pen", "Mac").
pub(super) const INNER_PARTICLES: &[&str] = &[
    "ben", "mc", "mac", "st", "saint", "sainte", "le", "la", "de", "du",
];

/// Whether token `i` is covered (an index past the end is not).
fn covered_at(covered: &[bool], i: usize) -> bool {
    covered.get(i).copied().unwrap_or(false)
}

/// A function word ("le", "the", "un"), not written as an acronym ("UN", "US").
fn is_function_word(t: &Token<'_>) -> bool {
    contains(FUNCTION_WORDS, folded(t)) && !t.is_all_caps()
}

/// Whether a token may be part of a name.
pub(super) fn name_token(t: &Token<'_>) -> bool {
    t.is_name_like()
}

pub(super) fn find_candidates(
    tokens: &[Token<'_>],
    covered: &[bool],
    knowledge: &Knowledge,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "L’Oréal": a known name may begin with an elided article.
        if tokens[i].kind == Kind::Elision
            && !covered[i]
            && tokens.get(i + 1).is_some_and(name_token)
            && let Some((n, entries)) = known(&tokens[i..], knowledge).filter(|(n, _)| *n >= 2)
            && !covered[i..i + n].iter().any(|&c| c)
        {
            out.push(Candidate::known(i, i + n - 1, &entries));
            i += n;
            continue;
        }
        if covered[i] || !name_token(&tokens[i]) {
            i += 1;
            continue;
        }
        // "The House of Representatives voted", "La Chambre des représentants a voté", "Selon
        // France 24, …": a capitalised article or function word at the start of a sentence,
        // then a known name of several words (which the run of capitalised words would cut:
        // "Selon France" leaves "24" out), unless a word other than an article begins a longer
        // known name ("En Marche").
        if tokens[i].sentence_start
            && contains(FUNCTION_WORDS, folded(&tokens[i]))
            && tokens.get(i + 1).is_some_and(name_token)
            && known(&tokens[i + 1..], knowledge).is_some_and(|(n, _)| {
                n >= 2
                    && !covered[i + 1..i + 1 + n].iter().any(|&c| c)
                    && (matches!(folded(&tokens[i]), "the" | "le" | "la" | "les")
                        || known(&tokens[i..], knowledge).is_none_or(|(with, _)| with <= n))
            })
        {
            i += 1;
            continue;
        }
        // "À Bordeaux, …", "Near Bath, …": the capitalised preposition that opens the sentence
        // is not part of the town's name.
        if tokens[i].sentence_start
            && !covered[i]
            && tokens
                .get(i + 1)
                .is_some_and(|t| !covered_at(covered, i + 1) && name_token(t))
            && town_after_preposition(tokens, i + 1, knowledge).is_some()
        {
            i += 1;
            continue;
        }
        // "Znak.com", "Portfolio.hu": a news site named by its domain is an organisation.
        if let Some(last) = domain_name(tokens, covered, i) {
            out.push(Candidate {
                first: i,
                last,
                label: Some((Label::Organisation, Evidence::Strong)),
                entry: None,
            });
            i = last + 1;
            continue;
        }
        // The longest known name here, not running into covered tokens.
        let known = known(&tokens[i..], knowledge)
            .or_else(|| department_in_context(tokens, i, knowledge))
            .or_else(|| town_after_preposition(tokens, i, knowledge))
            .filter(|(n, _)| !covered[i..i + n].iter().any(|&c| c))
            .map(|(n, entries)| (n, department_after_article(tokens, i, n, entries)));
        if known.is_none()
            && let Some((n, entries)) = after_contracted_article(tokens, covered, i, knowledge)
        {
            out.push(Candidate::known(i, i + n - 1, &entries));
            i += n;
            continue;
        }
        let run = capitalised_run(tokens, covered, i, knowledge);
        let (len, entry) = match &known {
            Some((n, entries)) if *n >= run => {
                (*n, entries.first().map(|(id, e)| (e.label, Some(*id))))
            }
            _ => (run, None),
        };
        let mut c = Candidate {
            first: i,
            last: i + len - 1,
            label: None,
            entry: None,
        };
        if let Some((label, id)) = entry {
            // A famous place that opens a sentence under a name that is also a given name or
            // a common word ("Paris a refusé"): a person the article names keeps it.
            let evidence = if len == 1
                && known.as_ref().is_some_and(|(_, entries)| {
                    !trust_one_word_match(&tokens[i], entries, knowledge)
                        && department_in_context(tokens, i, knowledge).is_none()
                }) {
                Evidence::Fair
            } else {
                Evidence::Strong
            };
            c.label = Some((label, evidence));
            c.entry = id;
        }
        i += len;
        for part in trim_and_split(tokens, c, knowledge) {
            out.push(part);
        }
    }
    out
}

/// A French département whose name is also a common word, a given name or a compass point,
/// where its context says it is the département: capitalised after a French article or a
/// preposition of places ("le Var", "dans le Cher", "la Somme", "l'Aube", "les Landes", "en
/// Creuse"), or in parentheses after a town ("Amiens (Somme)"); not at the start of a sentence
/// alone. A compass point only after "le" ("dans le Nord"; not "l'armée du Nord", "vers le
/// Nord", "au Nord"), and not before a complement ("le Nord du pays", a direction). Its length
/// in tokens (one) and its entries.
fn department_in_context<'k>(
    tokens: &[Token<'_>],
    i: usize,
    knowledge: &'k Knowledge,
) -> Option<(usize, Vec<(u32, &'k knowledge::Entry)>)> {
    let t = &tokens[i];
    let next = tokens.get(i + 1);
    // "(" starts a sentence for the tokenizer.
    let in_parentheses = i > 0 && tokens[i - 1].text == "(" && next.is_some_and(|n| n.text == ")");
    if (t.sentence_start && !in_parentheses) || !t.is_capitalized() || t.is_all_caps() {
        return None;
    }
    let (n, entries) = knowledge.longest_match(&tokens[i..])?;
    if n != 1 || !entries.iter().any(|(_, e)| e.kind == "department") {
        return None;
    }
    let compass = contains(COMPASS_WORDS, folded(t));
    let previous = preceding_words(tokens, i, 2);
    let after_article = match previous.first().map(String::as_str) {
        // "vers le Nord", "au Nord": a direction.
        Some("le") if compass => previous.get(1).is_none_or(|w| w != "vers"),
        Some("la" | "l'" | "les" | "en" | "au" | "aux" | "du" | "des") => !compass,
        Some("le") => true,
        _ => false,
    };
    let complement = next.is_some_and(|n| matches!(folded(n), "de" | "du" | "des" | "d'" | "of"));
    ((after_article && !(compass && complement)) || in_parentheses).then_some((n, entries))
}

/// A town whose one-word name is also a common word, right after a preposition that introduces
/// a place: "à Bordeaux", "À Tours, la mairie…", "près de Limoges", "near Bath" (a common word
/// alone needs a well-known place: see `trust_one_word_match`). Only a city of some size in the
/// gazetteer (weight 5 or more), no organisation of that name, no given name ("à Marine": "à"
/// also introduces the person spoken to). English "in" only before the town's region or country
/// ("in Mobile, Alabama"): capitalised common words after it are titles and brands as often
/// ("in Split", "in Mobile and desktop versions"). Not the
/// first word of a longer name ("Orange mécanique", "Temple of Doom", "Mission 7", "Oxford's
/// dictionary"); not after a verb or noun whose "à" introduces who receives ("vendu à Orange",
/// "les abonnés à Orange", "face à Bordeaux"), nor in an apposition that says what else it is
/// ("à Tours, la start-up…"; "à Tours, la ville…" is the town).
fn town_after_preposition<'k>(
    tokens: &[Token<'_>],
    i: usize,
    knowledge: &'k Knowledge,
) -> Option<(usize, Vec<(u32, &'k knowledge::Entry)>)> {
    let t = &tokens[i];
    if i == 0
        || t.sentence_start
        || !t.is_capitalized()
        || t.is_all_caps()
        || knowledge.is_given_folded(&t.folded)
        || !town_ends_here(tokens, i)
    {
        return None;
    }
    let (n, entries) = knowledge.longest_match(&tokens[i..])?;
    let town = n == 1
        && entries.iter().all(|(_, e)| e.label == Label::Place)
        && entries
            .iter()
            .any(|(_, e)| e.kind == "city" && e.weight >= 5);
    if !town {
        return None;
    }
    let previous = preceding_words(tokens, i, 2);
    let (preposition, opens_sentence) = match previous.first().map(String::as_str) {
        // "à" with its accent: not the verb "a" nor the English article.
        Some("a") if matches!(tokens[i - 1].text, "à" | "À") => (
            !previous.get(1).is_some_and(|w| gives_to(w)),
            tokens[i - 1].sentence_start,
        ),
        Some("near") => (true, tokens[i - 1].sentence_start),
        // "in Mobile, Alabama", "in Salt, Jordan": "in" only before the town's region or
        // country.
        Some("in") => (region_after(tokens, i, knowledge), false),
        Some("de") => (previous.get(1).is_some_and(|w| w == "pres"), false),
        _ => (false, false),
    };
    (preposition && (opens_sentence || !other_apposition(tokens, i))).then_some((n, entries))
}

/// Whether the name at token `i` ends there: not followed by another capitalised word, a
/// possessive, a colon, a number, a lowercase adjective-like word with no comma ("Orange
/// mécanique"), or "de"/"of" before a capital ("Temple of Doom").
fn town_ends_here(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return true;
    };
    let capital_after = || {
        tokens
            .get(i + 2)
            .is_some_and(|w| w.kind == Kind::Word && w.is_capitalized())
    };
    match next.kind {
        Kind::Possessive | Kind::Number => false,
        Kind::Punct => next.text != ":",
        Kind::Word | Kind::Elision => {
            let longer = next.is_capitalized()
                || next.folded.ends_with("ique")
                || (matches!(folded(next), "de" | "of" | "d'") && capital_after());
            !longer
        }
    }
}

/// Whether a comma and a known region or country follow token `i`: "Mobile, Alabama", "Salt,
/// Jordan".
fn region_after(tokens: &[Token<'_>], i: usize, knowledge: &Knowledge) -> bool {
    tokens.get(i + 1).is_some_and(|t| t.text == ",")
        && tokens.get(i + 2).is_some_and(|t| t.is_capitalized())
        && knowledge
            .longest_match(&tokens[i + 2..])
            .is_some_and(|(_, entries)| {
                entries
                    .iter()
                    .any(|(_, e)| matches!(e.kind.as_str(), "region" | "country" | "department"))
            })
}

/// Words after which "à" introduces who receives, not where: "vendu à", "cédé à", "attribué
/// à", "imputé à", "une amende à", "demandé à", "les abonnés à", "participation à", "face à",
/// "confié à", "racheté à", "offert à", "proposé à", "infligé à", "prêté à", "répondu à",
/// "reproche à".
fn gives_to(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "vend", "ced", "attribu", "imput", "amende", "demand", "abonn", "particip", "face",
        "confie", "confia", "rachet", "offert", "offr", "propos", "infli", "pret", "remis",
        "remet", "transfer", "soumi", "adress", "repond", "reproch",
    ];
    STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Whether a comma and an article after token `i` open an apposition that names something other
/// than a town: "à Tours, la start-up…", "à Bordeaux, le club girondin" (not "à Tours, la ville
/// de…", "à Tours, le 5 mai").
fn other_apposition(tokens: &[Token<'_>], i: usize) -> bool {
    const TOWN_NOUNS: &[&str] = &[
        "ville",
        "capitale",
        "commune",
        "cite",
        "prefecture",
        "sous-prefecture",
        "chef-lieu",
        "agglomeration",
        "metropole",
        "port",
        "village",
        "bourg",
        "city",
        "town",
        "capital",
    ];
    let (Some(comma), Some(article), Some(noun)) =
        (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3))
    else {
        return false;
    };
    comma.text == ","
        // Not "a": in French, the verb ("à Rodez, a dit le préfet").
        && matches!(
            folded(article),
            "le" | "la" | "l'" | "les" | "un" | "une" | "the" | "an"
        )
        && noun.kind == Kind::Word
        && !noun.is_capitalized()
        && !contains(TOWN_NOUNS, folded(noun))
}

/// A known name's entries with a département first after a French article: "la Vienne" is the
/// département, "à Vienne" the Austrian capital and its Land (French names cities without an
/// article; "la Savoie" is the département more than the old duchy). Rivers and seas stay first
/// ("la Loire", "la Manche").
fn department_after_article<'k>(
    tokens: &[Token<'_>],
    i: usize,
    n: usize,
    mut entries: Vec<(u32, &'k knowledge::Entry)>,
) -> Vec<(u32, &'k knowledge::Entry)> {
    if n == 1
        && entries
            .first()
            .is_some_and(|(_, e)| matches!(e.kind.as_str(), "city" | "region"))
        && entries.iter().any(|(_, e)| e.kind == "department")
        && after_french_article(tokens, i)
    {
        // A stable sort: the départements first, the rest in their order.
        entries.sort_by_key(|(_, e)| e.kind != "department");
    }
    entries
}

/// Top-level domains that end a site's name written as its domain ("Znak.com"); not those that
/// are also short words ("in", "it", "us", "de", "es", "be").
#[rustfmt::skip]
const DOMAINS: &[&str] = &[
    "com", "net", "org", "info", "io", "fr", "ru", "hu", "ua", "pl", "eu", "uk", "ch", "ca", "cz",
    "ro", "tv", "fm", "news", "media", "co",
];

/// The last token of a site's name written as its domain at token `i`: a capitalised word, a
/// dot and a top-level domain in lowercase, with no space between them.
fn domain_name(tokens: &[Token<'_>], covered: &[bool], i: usize) -> Option<usize> {
    let [name, dot, domain] = tokens.get(i..i + 3)? else {
        return None;
    };
    (name.is_capitalized()
        && !name.is_all_caps()
        && dot.text == "."
        && dot.start == name.end
        && domain.start == dot.end
        && domain.kind == Kind::Word
        && contains(DOMAINS, domain.text)
        && !covered[i..i + 3].iter().any(|&c| c))
    .then_some(i + 2)
}

/// A known name that begins with "Le" or "Les", written after the article's contraction with
/// "de" or "à": "du Monde", "au Havre", "du Mans" ("Le Monde", "Le Havre", "Le Mans"), "des
/// Échos" ("Les Échos"), not after a capitalised word ("la Coupe du Monde"). Its length in
/// tokens from `i` (the article stays out of the mention) and its entries.
fn after_contracted_article<'k>(
    tokens: &[Token<'_>],
    covered: &[bool],
    i: usize,
    knowledge: &'k Knowledge,
) -> Option<(usize, Vec<(u32, &'k knowledge::Entry)>)> {
    let article = match folded(tokens.get(i.checked_sub(1)?)?) {
        "du" | "au" => "Le",
        "des" | "aux" => "Les",
        _ => return None,
    };
    // Not inside a longer name: "la Coupe du Monde" is no newspaper.
    if i >= 2 && tokens[i - 2].is_capitalized() && !tokens[i - 1].sentence_start {
        return None;
    }
    let run = capitalised_run(tokens, covered, i, knowledge).min(4);
    (1..=run).rev().find_map(|n| {
        let mut name = article.to_owned();
        for t in &tokens[i..i + n] {
            name.push(' ');
            name.push_str(t.text);
        }
        let entries = knowledge.lookup(&name);
        (!entries.is_empty()).then_some((n, entries))
    })
}

/// "and" in French and English: joins two words of one organisation's name only on conditions
/// ([`capitalised_run`]).
const AND_WORDS: &[&str] = &["and", "et"];

/// Arabic articles written joined to the next name: "al-Assad", "el-Sissi", "ad-Din".
const JOINED_ARTICLES: &[&str] = &[
    "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "ul", "ud",
];

/// A name carrying a lowercase Arabic article, which goes on a name begun before it ("Bachar
/// al-Assad", "Rami Abd al-Rahman") but does not begin one.
fn is_article_name(t: &Token<'_>) -> bool {
    t.text.split_once('-').is_some_and(|(article, name)| {
        JOINED_ARTICLES.contains(&article) && name.starts_with(char::is_uppercase)
    })
}

/// Whether `run` holds an organisation's head noun, then a preposition: "Department of
/// Health", "Committee on Ways", "Institut de Science".
fn head_complement(run: &[Token<'_>]) -> bool {
    run.iter()
        .position(|t| contains(ORG_WORDS, folded(t)))
        .is_some_and(|h| {
            run[h + 1..]
                .iter()
                .any(|t| contains(&["of", "on", "for", "de", "du", "des", "pour"], folded(t)))
        })
}

/// Whether the capitalised words from `k` on end with an organisation's head noun, or, with
/// `plural`, a plural one ("State Legislatures", "Jewish Organizations").
fn ends_with_org_head(tokens: &[Token<'_>], covered: &[bool], k: usize, plural: bool) -> bool {
    let last = (k..tokens.len())
        .take_while(|&m| {
            !covered[m]
                && !tokens[m].after_newline
                && tokens[m].kind == Kind::Word
                && name_token(&tokens[m])
        })
        .last();
    last.is_some_and(|m| {
        contains(ORG_WORDS, folded(&tokens[m]))
            || (plural && contains(ORG_PLURALS, folded(&tokens[m])))
    })
}

/// The number of tokens of the run of capitalised words starting at `i`.
pub(super) fn capitalised_run(
    tokens: &[Token<'_>],
    covered: &[bool],
    i: usize,
    knowledge: &Knowledge,
) -> usize {
    let mut end = i + 1; // exclusive
    let mut j = i + 1;
    while j < tokens.len() && !covered[j] && !tokens[j].after_newline {
        let t = &tokens[j];
        if (name_token(t) || is_article_name(t)) && t.kind == Kind::Word {
            end = j + 1;
            j += 1;
            continue;
        }
        // "Donetsk People's Republic", "Children's Hospital": a common noun's possessive, then
        // a head noun, goes on the name ("Russia's Foreign Ministry" is two names).
        if t.kind == Kind::Possessive
            && knowledge.is_common_folded(&tokens[j - 1].folded)
            && known(&tokens[j - 1..j], knowledge).is_none()
            && tokens.get(j + 1).is_some_and(|n| {
                n.is_capitalized()
                    && !n.after_newline
                    && !covered[j + 1]
                    && (contains(ORG_WORDS, folded(n)) || contains(PLACE_WORDS, folded(n)))
            })
        {
            end = j + 2;
            j += 2;
            continue;
        }
        // Up to two connectors, then a capitalised word.
        let mut k = j;
        while k < tokens.len()
            && k < j + 2
            && !covered[k]
            && !tokens[k].after_newline
            && (contains(CONNECTORS, folded(&tokens[k]))
                || tokens[k].text == "&"
                || contains(AND_WORDS, folded(&tokens[k])))
            && !tokens[k].is_capitalized()
        {
            k += 1;
        }
        if k == j
            || k >= tokens.len()
            || covered[k]
            || !name_token(&tokens[k])
            || tokens[k].after_newline
        {
            break;
        }
        // Join across connectors only after a head noun ("Bande de Gaza", "Bank of America")
        // or with name particles ("Ursula von der Leyen").
        let head_before = tokens[i..end].iter().any(|t| {
            let f = folded(t);
            // Not after a role: "Senator Amy Klobuchar of Minnesota" is two names.
            contains(ORG_WORDS, f) || contains(PLACE_WORDS, f)
        });
        let particles = tokens[j..k]
            .iter()
            .all(|t| contains(NAME_PARTICLES, folded(t)));
        let known = known(&tokens[i..], knowledge).is_some_and(|(n, _)| n >= k + 1 - i);
        // "and" joins only what a head noun's complement holds ("Department of Health and Human
        // Services", "Committee on Ways and Means"), never a name known on its own ("the
        // Ministry of Defence and Russia") nor another organisation ("the Center for
        // Biological Diversity and Center for Food Safety").
        let and = tokens[j..k].iter().any(|t| contains(AND_WORDS, folded(t)));
        if and
            && !known
            && (k != j + 1
                || !head_complement(&tokens[i..end])
                || self::known(&tokens[k..], knowledge).is_some()
                || contains(ORG_WORDS, folded(&tokens[k])))
        {
            break;
        }
        // "Cinema for Peace Foundation", "Doctors for Peace Foundation": "for" after ordinary
        // words, before a name that ends with an organisation's head noun. "of" too ("National
        // Conference of State Legislatures", plural heads counting there), not where the words
        // open the sentence, are a plural ("Hundreds of", "Leaders of") or a title ("Member of
        // Parliament", "Clerk of"), nor before a known name ("Most of Congress").
        let for_or_of = match folded(&tokens[j]) {
            "for" | "pour" => Some(false),
            "of" => Some(true),
            _ => None,
        };
        let ordinary = |t: &Token<'_>| {
            knowledge.is_common_folded(&t.folded)
                && !super::classify::is_given(t, knowledge)
                && !is_role_word(folded(t))
        };
        let head_after = k == j + 1
            && for_or_of.is_some_and(|of| {
                !of || (!tokens[i].sentence_start
                    && !tokens[i..end].iter().any(|t| {
                        matches!(folded(t), "member" | "members" | "clerk")
                            || t.folded.strip_suffix('s').is_some_and(|one| {
                                knowledge.is_common_folded(one) && !contains(ORG_WORDS, one)
                            })
                    })
                    && !self::known(&tokens[k..], knowledge).is_some_and(|(n, _)| {
                        // The known name is all of what follows: "Most of Congress said".
                        tokens
                            .get(k + n)
                            .is_none_or(|t| !name_token(t) || covered[k + n])
                    }))
            })
            && tokens[i..end].iter().all(ordinary)
            && ends_with_org_head(tokens, covered, k, for_or_of == Some(true));
        // "Charles de Gaulle", "Valéry Giscard d'Estaing", "Bertrand de Broc": after a name that
        // begins with a given name, "de", "du" or "d'" is a French surname's particle, unless
        // what follows is a country or a well-known place ("Marie de France"). The name may
        // follow a function word that opens the sentence ("Selon Pierre de Coubertin"; not a
        // noun: "Gymnase Pierre de Coubertin" is a place's name).
        let name = if tokens[i].sentence_start
            && i + 1 < end
            && contains(FUNCTION_WORDS, folded(&tokens[i]))
        {
            i + 1
        } else {
            i
        };
        let french_particle = k == j + 1
            && matches!(folded(&tokens[j]), "de" | "du" | "d'")
            && end - name <= 3
            && super::classify::is_given(&tokens[name], knowledge)
            && !self::known(&tokens[k..], knowledge).is_some_and(|(_, entries)| {
                entries
                    .iter()
                    .any(|(_, e)| e.kind == "country" || e.weight >= 6)
            });
        if !(head_before || particles || known || head_after || french_particle) {
            break;
        }
        end = k + 1;
        j = k + 1;
    }
    end - i
}

/// Splits "Ukrainian Defense Minister Oleksii Reznikov" into a role and a name, and strips
/// function words and roles from the front of a candidate, keeping the evidence a role gives.
pub(super) fn trim_and_split(
    tokens: &[Token<'_>],
    mut c: Candidate,
    knowledge: &Knowledge,
) -> Vec<Candidate> {
    if c.label.is_some() {
        return vec![c];
    }
    // "le Camerounais Jababbabes Grebabbab-Belobo", "du Malien …": after a French article, a
    // nationality is the noun a person's name is set beside, no part of it, even when the name
    // begins with no known given name. What follows must read as a person's name: two
    // capitalised words or more, no organisation's or place's head ("du Métropolitain
    // Transportation Authority", "la Nouvelle Démocratie", "la Gazette des Communes" are
    // names whole), and the whole no known name.
    let rest = &tokens[c.first + 1..=c.last];
    if rest.len() >= 2
        && rest.iter().all(Token::is_capitalized)
        && !rest
            .iter()
            .any(|t| contains(ORG_WORDS, folded(t)) || contains(PLACE_WORDS, folded(t)))
        && is_nationality_noun(&tokens[c.first], knowledge)
        && preceding_words(tokens, c.first, 1)
            .first()
            .is_some_and(|w| matches!(w.as_str(), "le" | "la" | "l'" | "du" | "au"))
        && known(&tokens[c.first..=c.last], knowledge).is_none_or(|(n, _)| n <= c.last - c.first)
    {
        c.first += 1;
    }
    let is_role = |t: &Token<'_>| is_role_word(folded(t));
    // A given name inside the run starts a person's name when what precedes it is not part of
    // that name: a role ("Ukrainian Defense Minister Oleksii Reznikov"), a nationality
    // ("Polonaise Agnieszka Radwanska") or another name ("WikiLeaks Julian Assange"). Not after
    // another given name ("Kamala Harris"), an initial ("Lloyd J. Austin") or a particle ("Abu Bakr").
    // `any_role` and `all_common` describe the tokens before `k`; kept as running flags so that
    // a long run of capitalised words costs one pass.
    // A name that ends with an organisation's or a place's head noun is no person's, whatever
    // given names it holds ("Justice Department", "Pogue Construction"), and a known name is not
    // cut ("New York State").
    let headed = {
        let last = folded(&tokens[c.last]);
        contains(ORG_WORDS, last) || contains(PLACE_WORDS, last)
    };
    let inside_known =
        |k: usize| known(&tokens[k - 1..=c.last], knowledge).is_some_and(|(n, _)| n >= 2);
    let starts_name = |k: usize, any_role: bool, all_common: bool| {
        let (t, prev) = (&tokens[k], &tokens[k - 1]);
        // "France", "Paris" and "Des" are given names too: not when they name something known.
        // "Judge" and "Justice" are too: not as the title before a name ("Judge Victor Marrero").
        let given = is_given(t, knowledge)
            && t.is_capitalized()
            && !contains(FUNCTION_WORDS, folded(t))
            && !is_role(t)
            && known(std::slice::from_ref(t), knowledge).is_none();
        let prev_ok = prev.kind == Kind::Word
            && (!is_given(prev, knowledge)
                || is_role(prev)
                || known(std::slice::from_ref(prev), knowledge).is_some())
            && !is_initial(prev)
            && !contains(NAME_PARTICLES, folded(prev))
            && !contains(INNER_PARTICLES, folded(prev))
            && !contains(CONNECTORS, folded(prev));
        if !(given && prev_ok) {
            return false;
        }
        // What precedes must be clearly apart from the name: a role, a nationality or common
        // word, a known name or an acronym — not an unknown word that may be a first name
        // ("Abdrabbuh Mansur Hadi").
        // A name's last word may be a given name too ("Mitt Romney"): after a common word
        // alone, a given name starts a name only when more of the name follows.
        let head = &tokens[c.first..k];
        any_role
            || (all_common && k < c.last)
            || known(head, knowledge).is_some_and(|(n, _)| n == head.len())
            || (head.len() == 1 && head[0].is_all_caps())
    };
    let mut split = None;
    let (mut any_role, mut all_common) = (false, true);
    for k in (c.first + 1..=c.last).filter(|&k| !headed && !inside_known(k)) {
        let h = &tokens[k - 1];
        any_role |= is_role(h);
        all_common &= knowledge.is_common_folded(&h.folded) || !h.is_name_like();
        if starts_name(k, any_role, all_common) {
            split = Some(k);
            break;
        }
    }
    if let Some(split) = split {
        let mut out = Vec::new();
        // After a role, what precedes it is kept only when it is a known name ("US President")
        // or an organisation's.
        let had_role = tokens[c.first..split].iter().any(is_role);
        let mut first = c.first;
        while first < split && (is_role(&tokens[first]) || is_function_word(&tokens[first])) {
            first += 1;
        }
        // The head ends before its first role: "US Secretary of State Mike Pompeo" is "US".
        let last = tokens[first..split]
            .iter()
            .position(is_role)
            .map_or(split, |r| first + r);
        let known_head = known(&tokens[first..last], knowledge).filter(|(n, _)| *n == last - first);
        // An organisation's name before a role is kept ("District Court Judge Victor Marrero",
        // "State Department Spokesperson …"; not "Press" of "Press Secretary").
        let org_head = last > first && {
            let f = folded(&tokens[last - 1]);
            contains(ORG_WORDS, f) && f != "press"
        };
        // Otherwise a head of ordinary words ("Polonaise", "Democrat") is no name of its own.
        let ordinary = tokens[first..last]
            .iter()
            .all(|h| knowledge.is_common_folded(&h.folded));
        if let Some((_, entries)) = known_head {
            out.push(Candidate::known(first, last - 1, &entries));
        } else if last > first && (org_head || !(had_role || ordinary)) {
            let head = Candidate {
                first,
                last: last - 1,
                label: None,
                entry: None,
            };
            out.extend(trim_and_split(tokens, head, knowledge));
        }
        out.push(Candidate {
            first: split,
            last: c.last,
            label: Some((Label::Person, Evidence::Strong)),
            entry: None,
        });
        return out;
    }
    let mut role_before = false;
    let run_first = c.first;
    let title_before = || {
        preceding_words(tokens, run_first, 1)
            .first()
            .is_some_and(|w| is_role_word(w))
    };
    while c.first < c.last {
        let t = &tokens[c.first];
        // "le général De Gaulle", "M. Le Pen": after a title, a capitalised particle begins
        // the surname.
        let f = folded(t);
        let particle = t.is_capitalized() && !t.sentence_start && contains(SURNAME_PARTICLES, f);
        if particle && (role_before || title_before()) {
            break;
        }
        let is_function = is_function_word(t) || t.kind == Kind::Elision;
        let sentence_common = t.sentence_start
            && !t.is_all_caps()
            && knowledge.is_common_folded(&t.folded)
            && !knowledge.is_given_folded(&t.folded)
            && known(&tokens[c.first..=c.last], knowledge).is_none()
            // "Cinema for Peace Foundation said": a word that a lowercase connector joined to
            // the rest is part of the name.
            && !tokens[c.first + 1].text.starts_with(char::is_lowercase);
        // "General Services Administration": a role word that begins an organisation's name
        // is part of it.
        let role = is_role(t) && !contains(ORG_WORDS, folded(&tokens[c.last]));
        // "Russian President Vladimir Putin": a nationality before a title goes with it.
        let nationality_of_role = c.first + 1 < c.last
            && is_role(&tokens[c.first + 1])
            && super::classify::is_demonym(t, knowledge);
        // "Muslim-majority African countries": a compound adjective before a name, unless a
        // head noun ends the whole ("Co-operative Commonwealth Federation").
        let adjective = super::classify::is_compound_adjective(t, knowledge)
            && !contains(ORG_WORDS, folded(&tokens[c.last]))
            && !contains(PLACE_WORDS, folded(&tokens[c.last]));
        if is_function || role || sentence_common || nationality_of_role || adjective {
            role_before |= role;
            c.first += 1;
        } else {
            break;
        }
    }
    // A lone function word, role, head noun ("Parti", "Prefecture") or compass point ("l’Est")
    // is no name; a known acronym written so is ("The UN said").
    if c.first == c.last
        && !(tokens[c.first].is_all_caps()
            && known(&tokens[c.first..=c.first], knowledge).is_some())
    {
        let t = &tokens[c.first];
        let f = folded(t);
        // "la Cour constitutionnelle", "le Parquet fédéral": in French an institution's name is
        // its capitalised head noun and the adjectives after it (extended by
        // `extend_with_adjectives`).
        if institution_head(tokens, c.first, knowledge) {
            c.label = Some((Label::Organisation, Evidence::Strong));
            return vec![c];
        }
        if contains(FUNCTION_WORDS, f)
            || is_role(t)
            || t.kind == Kind::Elision
            || (contains(COMPASS_WORDS, f)
                && department_in_context(tokens, c.first, knowledge).is_none())
            || (contains(ORG_WORDS, f) || contains(PLACE_WORDS, f))
                && t.is_capitalized()
                && !t.is_all_caps()
        {
            return vec![];
        }
    }
    // Trailing connectors and function words never end a name ("Africa But", "C. Il").
    while c.last > c.first
        && (contains(CONNECTORS, folded(&tokens[c.last]))
            || contains(FUNCTION_WORDS, folded(&tokens[c.last])))
    {
        c.last -= 1;
    }
    // A title after an organisation's name is no part of it: "the Senate Minority Leader"
    // names the Senate, when the head noun begins the run or the name is known whole ("the
    // Republican Senate Majority Leader" is left as it is: "Republican Senate" would be no
    // name). A place's name before a title stays whole ("The Hollywood Reporter" is a
    // newspaper).
    if c.last > c.first
        && is_role(&tokens[c.last])
        && !contains(ORG_WORDS, folded(&tokens[c.last]))
        && let Some(k) = (c.first..c.last).rev().find(|&k| {
            let f = folded(&tokens[k]);
            (k == c.first && contains(ORG_WORDS, f) && f != "press")
                || known(&tokens[c.first..=k], knowledge).is_some_and(|(n, entries)| {
                    n == k + 1 - c.first
                        && entries.iter().any(|(_, e)| e.label == Label::Organisation)
                })
        })
    {
        c.last = k;
    }
    // "la Ve République", "la IIIe République": a regime, no entity.
    if is_roman_ordinal(&tokens[c.first]) {
        return vec![];
    }
    if c.first == c.last
        && is_fragment(&tokens[c.first], knowledge)
        && !names_a_road(tokens, c.first)
    {
        return vec![];
    }
    // A religion or a doctrine is no entity ("converted to Islam"), unless the text names a
    // person with it ("Shafiqul Islam … Islam was released", "Islam Makhachev … Islam won").
    let name_beside = |w: &Token<'_>| w.is_capitalized() && !knowledge.is_common_folded(&w.folded);
    if c.first == c.last
        && is_belief(folded(&tokens[c.first]))
        && known(&tokens[c.first..=c.first], knowledge).is_none()
        && !tokens.windows(2).any(|w| {
            (w[1].folded == tokens[c.first].folded && name_beside(&w[0]))
                || (w[0].folded == tokens[c.first].folded && name_beside(&w[1]))
        })
    {
        return vec![];
    }
    // A phrase ending with a role is a title, not a name ("Deputy Chief Economist"). A country
    // or an acronym may come before the title ("US Secretary", "UN Secretary-General"): it is
    // the name. Another known name keeps the phrase whole, for classification to read ("The
    // Hollywood Reporter").
    if is_role(&tokens[c.last]) {
        let role = (c.first..=c.last)
            .find(|&k| is_role(&tokens[k]))
            .unwrap_or(c.last);
        if let Some((n, entries)) = known(&tokens[c.first..role], knowledge)
            && role > c.first
            && n == role - c.first
            && (tokens[c.first..role].iter().all(|t| t.is_all_caps())
                || entries.iter().any(|(_, e)| e.kind == "country"))
        {
            return vec![Candidate::known(c.first, role - 1, &entries)];
        }
        if known(&tokens[c.first..=c.last], knowledge).is_none() {
            return vec![];
        }
    }
    // Events, laws and prizes are not entities ("Endangered Species Act", "Coupe du monde").
    if contains(EVENT_WORDS, folded(&tokens[c.last]))
        && known(&tokens[c.first..=c.last], knowledge).is_none_or(|(n, _)| n <= c.last - c.first)
    {
        return vec![];
    }
    // What remains may be a known name once the front is stripped ("The United Nations", "La
    // Creuse").
    let whole = known(&tokens[c.first..=c.last], knowledge).or_else(|| {
        department_in_context(tokens, c.first, knowledge).filter(|_| c.first == c.last)
    });
    if let Some((n, entries)) =
        whole.map(|(n, e)| (n, department_after_article(tokens, c.first, n, e)))
        && n == c.last + 1 - c.first
        && let Some(&(id, entry)) = entries.first()
    {
        c.label = Some((entry.label, Evidence::Strong));
        c.entry = Some(id);
        return vec![c];
    }
    if role_before {
        c.label = Some((Label::Person, Evidence::Strong));
    }
    vec![c]
}

/// An organisation named after two people, the first by a given name only: "the Gordon and
/// Betty Moore Foundation", "Bill & Melinda Gates Foundation" are one name, not a person then
/// an organisation. Joins a lone given name to the organisation's name that follows it after
/// "and", "&" or "et", when that name begins with a given name and ends with its head noun.
pub(super) fn join_couples(
    tokens: &[Token<'_>],
    candidates: &mut Vec<Candidate>,
    knowledge: &Knowledge,
) {
    let mut i = 1;
    while i < candidates.len() {
        let (before, c) = (&candidates[i - 1], &candidates[i]);
        let joins = c.entry.is_none()
            && c.label.is_some_and(|l| l.0 == Label::Organisation)
            && contains(ORG_WORDS, folded(&tokens[c.last]))
            && super::classify::is_given(&tokens[c.first], knowledge)
            && before.first == before.last
            && before.last + 2 == c.first
            && matches!(folded(&tokens[before.last + 1]), "and" | "&" | "et")
            && super::classify::is_given(&tokens[before.first], knowledge);
        if joins {
            candidates[i].first = candidates[i - 1].first;
            candidates.remove(i - 1);
        } else {
            i += 1;
        }
    }
}
