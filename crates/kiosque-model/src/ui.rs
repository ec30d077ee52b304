//! The reader's interface in French and English: every word the app shows, in one table per
//! language ([`Messages`]), and the sentences with numbers in them, dates and numbers as each
//! language writes them. Plain Rust, no i18n framework: two languages do not need one, and the
//! app carries no bytes for it.
//!
//! French typography: a narrow no-break space (U+202F) before `;`, `!`, `?` and as the thousands
//! separator, a no-break space (U+00A0) before `:`; « guillemets » with no-break spaces inside.

use serde::{Deserialize, Serialize};

use crate::display::{QUOTED_ID_CHARS, isolate, quote_id, quote_search};
use crate::entity::{Entity, Label};
use crate::explain::EmptyReason;
use crate::text::shorten;
use crate::timeline::{Timeline, Unit};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French.
    Fr,
    /// English.
    En,
}

/// The no-break space French puts before a colon and inside guillemets.
const NBSP: char = '\u{a0}';
/// The narrow no-break space French puts before `;`, `!`, `?` and between thousands.
const NNBSP: char = '\u{202f}';

impl Language {
    /// Every interface language.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The ISO 639-1 code (`fr`, `en`): what `<html lang>` and `site.json` say.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// The language of a code: `fr`, `FR`, `fr-CA` → French; `None` for any other language.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary.trim()))
    }

    /// The interface language of a corpus whose articles are in these languages (`None`: not
    /// said): the one most of its French and English articles are in; English when there are
    /// none or as many of each.
    pub fn majority<'a>(languages: impl IntoIterator<Item = Option<&'a str>>) -> Language {
        let (mut fr, mut en) = (0usize, 0usize);
        for language in languages
            .into_iter()
            .flatten()
            .filter_map(Language::from_code)
        {
            match language {
                Language::Fr => fr += 1,
                Language::En => en += 1,
            }
        }
        if fr > en { Language::Fr } else { Language::En }
    }

    /// The `lang` attribute of a text in the language `text` on a page in this language: the
    /// text's language when it is another one (screen readers then switch voices), none when it
    /// is this one or not known (the page's `<html lang>` holds).
    pub fn lang_of(self, text: Option<&str>) -> Option<String> {
        let text = text?.trim();
        (!text.is_empty() && Language::from_code(text) != Some(self)).then(|| text.to_owned())
    }

    /// The words of this language.
    pub fn messages(self) -> &'static Messages {
        match self {
            Language::Fr => &FRENCH,
            Language::En => &ENGLISH,
        }
    }

    /// `10 000` (narrow no-break spaces) in French, `10,000` in English.
    pub fn number(self, n: usize) -> String {
        let separator = match self {
            Language::Fr => NNBSP,
            Language::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// A count with its noun, singular or plural as this language has it: `1 article`,
    /// `0 articles` in English, `0 article` in French (zero takes the singular), and the number
    /// written as [`Language::number`] writes it.
    pub fn count(self, n: usize, noun: Noun) -> String {
        format!("{} {}", self.number(n), self.noun(n, noun))
    }

    /// The noun of a count of `n`, singular or plural ([`Language::count`] without the number,
    /// for a count shown apart).
    pub fn noun(self, n: usize, noun: Noun) -> &'static str {
        let (singular, plural) = noun.forms(self);
        let one = match self {
            Language::Fr => n <= 1,
            Language::En => n == 1,
        };
        if one { singular } else { plural }
    }

    /// `text` followed by a colon as this language writes it (`Licence :` in French).
    pub fn colon(self, text: &str) -> String {
        match self {
            Language::Fr => format!("{text}{NBSP}:"),
            Language::En => format!("{text}:"),
        }
    }

    /// `text` between this language's quotation marks: `“text”`, `«\u{a0}text\u{a0}»`.
    pub fn quote(self, text: &str) -> String {
        match self {
            Language::Fr => format!("«{NBSP}{text}{NBSP}»"),
            Language::En => format!("“{text}”"),
        }
    }

    /// The name of a month (1 to 12): `January`, `janvier`.
    pub fn month(self, month: usize) -> Option<&'static str> {
        let names = match self {
            Language::Fr => &FR_MONTHS,
            Language::En => &crate::display::MONTHS,
        };
        names.get(month.checked_sub(1)?).copied()
    }

    /// The short name of a month (1 to 12), under a chart's bar: `Jan`, `janv.`.
    pub fn month_short(self, month: usize) -> Option<&'static str> {
        let names = match self {
            Language::Fr => &FR_MONTHS_SHORT,
            Language::En => &EN_MONTHS_SHORT,
        };
        names.get(month.checked_sub(1)?).copied()
    }

    /// A readable form of an ISO 8601 date in this language: `2025-01-06` → `Mon 6 January
    /// 2025`, `lun. 6 janvier 2025` (`1er` for a month's first day in French); `2025-01` →
    /// `January 2025`, `janvier 2025`; `2025` → `2025`. A time part is ignored. `None` for
    /// anything else, so that the caller shows the value as written.
    pub fn date(self, iso: &str) -> Option<String> {
        let (year, month, day) = crate::display::date_parts(iso)?;
        let name = self.date_name(year, month, day)?;
        let (Some(month), Some(day)) = (month, day) else {
            return Some(name);
        };
        let weekday = crate::display::weekday_index(year, month, day);
        let weekday = match self {
            Language::En => crate::display::WEEKDAYS.get(weekday)?,
            Language::Fr => FR_WEEKDAYS.get(weekday)?,
        };
        Some(format!("{weekday} {name}"))
    }

    /// The name of a day, a month or a year in this language, as a date entity is named:
    /// `6 January 2025`, `1er janvier 2025`; `January 2025`, `janvier 2025`; `2025`. `None` for
    /// a month outside 1 to 12.
    pub fn date_name(self, year: i64, month: Option<i64>, day: Option<i64>) -> Option<String> {
        let Some(month) = month else {
            return Some(year.to_string());
        };
        let month_name = self.month(usize::try_from(month).ok()?)?;
        Some(match (day, self) {
            (None, _) => format!("{month_name} {year}"),
            (Some(1), Language::Fr) => format!("1er {month_name} {year}"),
            (Some(day), _) => format!("{day} {month_name} {year}"),
        })
    }

    /// An entity's name as this interface shows it: a date's from its value, in this language
    /// (`29 octobre 2012` in French whatever language the data named it in); any other's as
    /// the data gives it.
    pub fn entity_name<'a>(self, entity: &'a Entity) -> std::borrow::Cow<'a, str> {
        let named = (entity.value.as_deref())
            .filter(|_| entity.label == Label::Date)
            .and_then(crate::display::date_parts)
            .and_then(|(year, month, day)| self.date_name(year, month, day));
        named.map_or(std::borrow::Cow::Borrowed(entity.name.as_str()), Into::into)
    }

    /// The name of a language by its ISO 639-1 code, in this language (`fr` → `French`,
    /// `français`); the code in capitals when it is not one of the common ones.
    pub fn language_name(self, code: &str) -> String {
        let code = code.to_ascii_lowercase();
        let Some(i) = LANGUAGE_CODES.iter().position(|c| *c == code) else {
            return code.to_ascii_uppercase();
        };
        let names = match self {
            Language::Fr => &FR_LANGUAGE_NAMES,
            Language::En => &EN_LANGUAGE_NAMES,
        };
        names[i].to_owned()
    }

    /// A label's name as a group's heading: `People`, `Personnes`.
    pub fn label_plural(self, label: Label) -> &'static str {
        match (self, label) {
            (Language::En, _) => label.plural(),
            (Language::Fr, Label::Person) => "Personnes",
            (Language::Fr, Label::Place) => "Lieux",
            (Language::Fr, Label::Organisation) => "Organisations",
            (Language::Fr, Label::Date) => "Dates",
        }
    }

    /// A label's singular noun, capitalised: `Person`, `Personne`.
    pub fn label_singular(self, label: Label) -> &'static str {
        match (self, label) {
            (Language::En, _) => label.singular(),
            (Language::Fr, Label::Person) => "Personne",
            (Language::Fr, Label::Place) => "Lieu",
            (Language::Fr, Label::Organisation) => "Organisation",
            (Language::Fr, Label::Date) => "Date",
        }
    }

    /// A label's singular noun in lower case, as inside a sentence: `person`, `personne`.
    pub fn label_lowercase(self, label: Label) -> &'static str {
        match (self, label) {
            (Language::En, _) => label.lowercase(),
            (Language::Fr, Label::Person) => "personne",
            (Language::Fr, Label::Place) => "lieu",
            (Language::Fr, Label::Organisation) => "organisation",
            (Language::Fr, Label::Date) => "date",
        }
    }

    /// A chart's period unit as a table's column: `Month`, `Mois`.
    pub fn unit_heading(self, unit: Unit) -> &'static str {
        match (self, unit) {
            (Language::En, Unit::Week) => "Week",
            (Language::En, Unit::Month) => "Month",
            (Language::En, Unit::Year) => "Year",
            (Language::Fr, Unit::Week) => "Semaine",
            (Language::Fr, Unit::Month) => "Mois",
            (Language::Fr, Unit::Year) => "Année",
        }
    }

    /// `Articles per month, as a table`, `Articles par mois, en tableau`.
    pub fn per_unit_table(self, unit: Unit) -> String {
        match self {
            Language::En => format!("Articles per {}, as a table", unit.noun()),
            Language::Fr => format!("Articles par {}, en tableau", fr_unit(unit)),
        }
    }

    /// A chart period's name for readers: `week of 6 January 2025`, `semaine du 6 janvier
    /// 2025`; `January 2025`; `2025`. `start` is its first day, `YYYY-MM-DD`.
    pub fn period(self, unit: Unit, start: &str) -> String {
        let Some((year, month, day)) = crate::display::date_parts(start) else {
            return start.to_owned();
        };
        let month = Some(month.unwrap_or(1));
        let name = |day| self.date_name(year, month, day).unwrap_or_default();
        match (unit, self) {
            (Unit::Year, _) => year.to_string(),
            (Unit::Month, _) => name(None),
            (Unit::Week, Language::En) => format!("week of {}", name(Some(day.unwrap_or(1)))),
            (Unit::Week, Language::Fr) => format!("semaine du {}", name(Some(day.unwrap_or(1)))),
        }
    }

    /// A period ([`Language::period`]) after a preposition, as the language writes it:
    /// "d’avril 2023", "de la semaine du 4 mars 2024", "in the week of 4 March 2024".
    fn after(self, preposition: &str, period: &str) -> String {
        match self {
            Language::En if period.starts_with("week ") => format!("{preposition} the {period}"),
            Language::Fr if period.starts_with("semaine ") => match preposition {
                "en" => format!("la {period}"),
                _ => format!("{preposition} la {period}"),
            },
            Language::Fr
                if preposition == "de"
                    && period.starts_with(|c: char| "aeiouyéèêàâîôûh".contains(c)) =>
            {
                format!("d’{period}")
            }
            _ => format!("{preposition} {period}"),
        }
    }

    /// A chart period's short name, under a bar: `6 Jan`, `6 janv.`; `Jan 2025`; `2025`.
    pub fn period_short(self, unit: Unit, start: &str) -> String {
        let Some((year, month, day)) = crate::display::date_parts(start) else {
            return start.to_owned();
        };
        let abbr = self.month_short(month.unwrap_or(1) as usize).unwrap_or("");
        match unit {
            Unit::Year => year.to_string(),
            Unit::Month => format!("{abbr} {year}"),
            Unit::Week => format!("{} {abbr}", day.unwrap_or(1)),
        }
    }

    /// The name under a bar that [`Timeline::ticks`] names: the month it begins by week (`Jan
    /// 2025`, `janv. 2025`), the year by month and by year (`2025`).
    pub fn tick(self, unit: Unit, start: &str) -> String {
        let larger = match unit {
            Unit::Week => Unit::Month,
            Unit::Month | Unit::Year => Unit::Year,
        };
        self.period_short(larger, start)
    }

    /// A chart in one sentence, for readers who do not see it: how many articles, over which
    /// periods, the busiest one, and those without a date.
    pub fn timeline_summary(self, timeline: &Timeline) -> String {
        let label = |start: &str| self.period(timeline.unit, start);
        let mut out = match (timeline.bins.first(), timeline.bins.last()) {
            (Some(first), Some(last)) => {
                let peak = timeline.peak();
                let busiest = timeline
                    .bins
                    .iter()
                    .find(|b| b.count == peak)
                    .map_or_else(String::new, |b| label(&b.start));
                let articles = self.count(timeline.dated() as usize, Noun::Article);
                let (first, last) = (label(&first.start), label(&last.start));
                let peak = self.number(peak as usize);
                let at = |preposition, period: &str| self.after(preposition, period);
                match self {
                    Language::En if first == last => format!("{articles} {}.", at("in", &first)),
                    Language::Fr if first == last => format!("{articles} {}.", at("en", &first)),
                    Language::En => format!(
                        "{articles} {} {}, by {}; the most {} ({peak}).",
                        at("from", &first),
                        at("to", &last),
                        timeline.unit.noun(),
                        at("in", &busiest),
                    ),
                    Language::Fr => format!(
                        "{articles} {} {}, par {}{NNBSP}; le plus {} ({peak}).",
                        at("de", &first),
                        at("à", &last),
                        fr_unit(timeline.unit),
                        at("en", &busiest),
                    ),
                }
            }
            _ => self.messages().no_dated_articles.to_owned(),
        };
        if timeline.undated > 0 {
            let undated = self.count(timeline.undated as usize, Noun::Article);
            out.push(' ');
            out.push_str(&match self {
                Language::En => format!("{undated} without a date."),
                Language::Fr => format!("{undated} sans date."),
            });
        }
        out
    }

    /// A selection's period for readers, from its bounds as the URL writes them (`2024`,
    /// `2024-03`, `2024-03-04`): `March 2024`, `March 2024 to May 2024`, `since 2024`, `until
    /// 4 March 2024`; `de mars 2024 à mai 2024`, `du 4 au …`, `depuis 2024`, `jusqu’au 4 mars
    /// 2024`. `None` without a bound. A bound that is not a date is shown as written.
    pub fn period_between(self, from: Option<&str>, to: Option<&str>) -> Option<String> {
        let is_day = |b: &str| b.len() == 10;
        let bound = |b: &str| self.bound(b);
        Some(match (self, from, to) {
            (_, Some(from), Some(to)) if from == to => bound(from),
            (_, None, None) => return None,
            (Language::En, Some(from), Some(to)) => format!("{} to {}", bound(from), bound(to)),
            (Language::En, Some(from), None) => format!("since {}", bound(from)),
            (Language::En, None, Some(to)) => format!("until {}", bound(to)),
            (Language::Fr, Some(from), Some(to)) => format!(
                "{} {} {} {}",
                if is_day(from) { "du" } else { "de" },
                bound(from),
                if is_day(to) { "au" } else { "à" },
                bound(to)
            ),
            (Language::Fr, Some(from), None) => format!("depuis {}", bound(from)),
            (Language::Fr, None, Some(to)) if is_day(to) => format!("jusqu’au {}", bound(to)),
            (Language::Fr, None, Some(to)) => format!("jusqu’à {}", bound(to)),
        })
    }

    /// The home page's description in link previews and search engines: `10,000 articles,
    /// explored through the people, places and organisations in them`.
    pub fn home_description(self, articles: usize) -> String {
        let articles = self.count(articles, Noun::Article);
        match self {
            Language::En => {
                format!("{articles}, explored through the people, places and organisations in them")
            }
            Language::Fr => {
                format!(
                    "{articles}, à explorer par les personnes, lieux et organisations qu’ils citent"
                )
            }
        }
    }

    /// An entity page's description: `Person mentioned in 287 articles of Kiosque`,
    /// `Personne citée dans 287 articles de Kiosque`.
    pub fn entity_description(self, label: Label, articles: usize, site: &str) -> String {
        let (kind, articles) = (
            self.label_singular(label),
            self.count(articles, Noun::Article),
        );
        match (self, label) {
            (Language::En, _) => format!("{kind} mentioned in {articles} of {site}"),
            (Language::Fr, Label::Place) => format!("{kind} cité dans {articles} de {site}"),
            (Language::Fr, _) => format!("{kind} citée dans {articles} de {site}"),
        }
    }

    /// The description of the page that shows every entity without a page of its own.
    pub fn entities_description(self, site: &str) -> String {
        match self {
            Language::En => {
                format!("People, places, organisations and dates in the articles of {site}")
            }
            Language::Fr => {
                format!("Personnes, lieux, organisations et dates dans les articles de {site}")
            }
        }
    }

    /// A value of the address that is not one of its kind, as the removable filter that keeps
    /// it names it: `from “2024-13” (not a date)`, `depuis « 2024-13 » (pas une date)`,
    /// `language “xx” (not a language code)`. `key` is the address's (`from`, `to`, `lang`).
    pub fn invalid_value(self, key: &str, value: &str) -> String {
        use crate::selection::Selection;
        let quoted = self.quote_search(value);
        let (what, why) = match (self, key) {
            (Language::En, Selection::FROM_KEY) => ("from", "not a date"),
            (Language::En, Selection::TO_KEY) => ("to", "not a date"),
            (Language::En, Selection::LANG_KEY) => ("language", "not a language code"),
            (Language::Fr, Selection::FROM_KEY) => ("depuis", "pas une date"),
            (Language::Fr, Selection::TO_KEY) => ("jusqu’à", "pas une date"),
            (Language::Fr, Selection::LANG_KEY) => ("langue", "pas un code de langue"),
            (_, other) => return format!("{other} {quoted}"),
        };
        format!("{what} {quoted} ({why})")
    }

    /// A period's bound for readers: `2024`, `March 2024`, `4 March 2024` (`1er` in French);
    /// as written when it is not a date.
    fn bound(self, bound: &str) -> String {
        crate::display::date_parts(bound)
            .and_then(|(year, month, day)| self.date_name(year, month, day))
            .unwrap_or_else(|| bound.to_owned())
    }

    /// A chart bar's name: `March 2024: 12 articles`, `mars 2024 : 12 articles`.
    pub fn bar(self, unit: Unit, start: &str, count: u32) -> String {
        format!(
            "{} {}",
            self.colon(&self.period(unit, start)),
            self.count(count as usize, Noun::Article)
        )
    }

    /// The button that shows more cards: `Show 30 more (120 not shown yet)`.
    pub fn show_more_cards(self, more: usize, left: usize) -> String {
        let (more, left) = (self.number(more), self.number(left));
        match self {
            Language::En => format!("Show {more} more ({left} not shown yet)"),
            Language::Fr => format!("Afficher {more} de plus ({left} pas encore affichés)"),
        }
    }

    /// The button that shows more rows of a group: `Show 50 more`.
    pub fn show_more(self, more: usize) -> String {
        let more = self.number(more);
        match self {
            Language::En => format!("Show {more} more"),
            Language::Fr => format!("Afficher {more} de plus"),
        }
    }

    /// A group's heading with its count: `People (12)`.
    pub fn with_count(self, name: &str, count: usize) -> String {
        format!("{name} ({})", self.number(count))
    }

    /// What a chip or an entity link does: `Filter the articles by Koursk`. `name` is isolated
    /// by the caller.
    pub fn filter_by(self, name: &str) -> String {
        match self {
            Language::En => format!("Filter the articles by {name}"),
            Language::Fr => format!("Filtrer les articles par {name}"),
        }
    }

    /// A filter's remove button: `Remove filter Koursk`.
    pub fn remove_filter(self, name: &str) -> String {
        match self {
            Language::En => format!("Remove filter {name}"),
            Language::Fr => format!("Retirer le filtre {name}"),
        }
    }

    /// An embedded post's name by its kind (`tweet`, empty, or another).
    pub fn embed_name(self, kind: &str) -> String {
        match (self, kind) {
            (Language::En, "tweet") => "Post on X (Twitter)".to_owned(),
            (Language::Fr, "tweet") => "Publication sur X (Twitter)".to_owned(),
            (Language::En, "") => "Embedded post".to_owned(),
            (Language::Fr, "") => "Publication intégrée".to_owned(),
            (Language::En, other) => format!("Embedded {other}"),
            (Language::Fr, other) => format!("Contenu intégré ({other})"),
        }
    }

    /// A reading time: `4 min read`, `4 min de lecture`.
    pub fn reading_time(self, minutes: u32) -> String {
        match self {
            Language::En => format!("{minutes} min read"),
            Language::Fr => format!("{minutes} min de lecture"),
        }
    }

    /// The end of a related article's reasons: ` and 3 more`, ` et 3 autres`.
    pub fn and_more(self, more: usize) -> String {
        match self {
            Language::En => format!(" and {more} more"),
            Language::Fr => format!(" et {more} autres"),
        }
    }

    /// The heading of an error page or section: `Could not load the article`.
    pub fn could_not_load(self, what: &str) -> String {
        match self {
            Language::En => format!("Could not load {what}"),
            Language::Fr => format!("Impossible de charger {what}"),
        }
    }

    /// A page for an id the site does not have: `No article with id ‘x’ in this corpus.`.
    /// `id` is quoted by the caller.
    pub fn no_such(self, label: What, id: &str) -> String {
        match (self, label) {
            (Language::En, What::Article) => format!("No article with id {id} in this corpus."),
            (Language::En, What::Entity) => format!("No entity with id {id} in this corpus."),
            (Language::Fr, What::Article) => format!("Aucun article d’identifiant {id} ici."),
            (Language::Fr, What::Entity) => format!("Aucune entité d’identifiant {id} ici."),
        }
    }

    /// How often an entity is mentioned: `Mentioned 3 times in 2 articles.`.
    pub fn mentioned(self, mentions: usize, articles: usize) -> String {
        let (mentions, articles) = (
            self.count(mentions, Noun::Time),
            self.count(articles, Noun::Article),
        );
        match self {
            Language::En => format!("Mentioned {mentions} in {articles}."),
            Language::Fr => format!("Cité {mentions} dans {articles}."),
        }
    }

    /// The home page's live count: `12 articles`, and with a search `12 articles for “kiev”`.
    /// `search` is quoted by the caller.
    pub fn results(self, total: usize, search: Option<&str>) -> String {
        let articles = self.count(total, Noun::Article);
        match (self, search) {
            (_, None) => articles,
            (Language::En, Some(search)) => format!("{articles} for {search}"),
            (Language::Fr, Some(search)) => format!("{articles} pour {search}"),
        }
    }

    /// What a search leaves out of what was typed ([`crate::search::Query::ignored`]):
    /// `“the” is not searched for (too common).`; none when nothing is left out.
    pub fn ignored_words(self, words: &[String]) -> Option<String> {
        let quoted: Vec<String> = words.iter().map(|w| self.quote_search(w)).collect();
        let list = self.join(&quoted);
        Some(match (self, quoted.len()) {
            (_, 0) => return None,
            (Language::En, 1) => format!("{list} is not searched for (too common)."),
            (Language::En, _) => format!("{list} are not searched for (too common)."),
            (Language::Fr, 1) => format!("{list} n’est pas cherché (trop courant)."),
            (Language::Fr, _) => format!("{list} ne sont pas cherchés (trop courants)."),
        })
    }

    /// What a word being typed that is too short to be a prefix matches
    /// ([`crate::search::Query::whole_word_only`]): `“gu” is searched as a whole word: one more
    /// letter finds the words that start with it.`
    pub fn whole_word_only(self, word: &str) -> String {
        let word = self.quote_search(word);
        match self {
            Language::En => format!(
                "{word} is searched as a whole word: one more letter finds the words that start with it."
            ),
            Language::Fr => format!(
                "{word} est cherché comme mot entier{NBSP}: une lettre de plus trouve les mots qui commencent ainsi."
            ),
        }
    }

    /// A sentence then why: `The search could not run. <error>`.
    pub fn failed(self, what: Failure, error: &str) -> String {
        let sentence = match (self, what) {
            (Language::En, Failure::Articles) => "The articles could not be loaded.",
            (Language::En, Failure::Search) => "The search could not run.",
            (Language::Fr, Failure::Articles) => "Les articles n’ont pas pu être chargés.",
            (Language::Fr, Failure::Search) => "La recherche n’a pas pu se faire.",
        };
        format!("{sentence} {error}")
    }

    /// Why a view shows no article: `‘loc-x’ is not in this corpus.`, `No article mentions both
    /// Koursk and Xiaomi.`. Ids and names are bidi-isolated ([`isolate`]) and ids shortened
    /// ([`quote_id`]): they come from the URL and the data.
    pub fn empty_reason(self, reason: &EmptyReason<'_>) -> String {
        match reason {
            EmptyReason::NoArticles => match self {
                Language::En => "This corpus has no articles yet.".to_owned(),
                Language::Fr => "Ce corpus n’a pas encore d’article.".to_owned(),
            },
            EmptyReason::Unknown(ids) => {
                let quoted: Vec<String> = ids.iter().map(|id| quote_id(id)).collect();
                let one = ids.len() == 1;
                match self {
                    Language::En => {
                        let verb = if one { "is" } else { "are" };
                        format!("{} {verb} not in this corpus.", self.join(&quoted))
                    }
                    Language::Fr => {
                        let verb = if one { "n’est" } else { "ne sont" };
                        format!("{} {verb} pas dans ce corpus.", self.join(&quoted))
                    }
                }
            }
            EmptyReason::NoneMentionsAll(entities) => {
                let names: Vec<String> = entities.iter().map(|e| isolate(&e.name)).collect();
                match (self, names.as_slice()) {
                    (Language::En, [one]) => format!("No article mentions {one}."),
                    (Language::En, [a, b]) => format!("No article mentions both {a} and {b}."),
                    (Language::En, _) => {
                        format!("No article mentions all of {}.", self.join(&names))
                    }
                    (Language::Fr, [one]) => format!("Aucun article ne cite {one}."),
                    (Language::Fr, [a, b]) => {
                        format!("Aucun article ne cite à la fois {a} et {b}.")
                    }
                    (Language::Fr, _) => {
                        format!(
                            "Aucun article ne les cite tous\u{a0}: {}.",
                            self.join(&names)
                        )
                    }
                }
            }
        }
    }

    /// Why a search shows nothing: the words that no article contains, or that no article
    /// (among those the entity filter keeps, when `filtered`) contains them all.
    pub fn no_search_match(self, search: &str, unmatched: &[String], filtered: bool) -> String {
        if !unmatched.is_empty() {
            let quoted: Vec<String> = unmatched.iter().map(|w| self.quote_search(w)).collect();
            return match self {
                Language::En => format!("No article contains {}.", self.join(&quoted)),
                Language::Fr => format!("Aucun article ne contient {}.", self.join(&quoted)),
            };
        }
        let quoted = self.quote_search(search);
        match (self, filtered) {
            (Language::En, true) => {
                format!("No article with the selected entities matches {quoted}.")
            }
            (Language::En, false) => format!("No article contains all the words of {quoted}."),
            (Language::Fr, true) => {
                format!("Aucun article des entités choisies ne correspond à {quoted}.")
            }
            (Language::Fr, false) => {
                format!("Aucun article ne contient tous les mots de {quoted}.")
            }
        }
    }

    /// A list as a sentence says it: `a`, `a and b`, `a, b and c` (`et` in French).
    fn join(self, items: &[String]) -> String {
        let and = match self {
            Language::En => "and",
            Language::Fr => "et",
        };
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
        }
    }

    /// A search as typed, quoted for a message in this language ([`quote_search`] in
    /// English): trimmed, bidi-isolated and shortened.
    pub fn quote_search(self, text: &str) -> String {
        match self {
            Language::En => quote_search(text),
            Language::Fr => self.quote(&isolate(&shorten(text.trim(), QUOTED_ID_CHARS))),
        }
    }

    /// What the entity sidebar says when no entity is listed. `query` is the sidebar's search
    /// as typed; `filtered` is whether entity filters narrow the articles, so that a name that
    /// is in the corpus but not in the filtered articles is not reported as unknown.
    pub fn no_entity_listed(self, query: &str, filtered: bool) -> String {
        let query = query.trim();
        if query.is_empty() {
            return self.messages().no_entities.to_owned();
        }
        let quoted = self.quote(query);
        match (self, filtered) {
            (Language::En, false) => format!("No entity matches {quoted}."),
            (Language::En, true) => format!("No entity matches {quoted} in these articles."),
            (Language::Fr, false) => format!("Aucune entité ne correspond à {quoted}."),
            (Language::Fr, true) => {
                format!("Aucune entité de ces articles ne correspond à {quoted}.")
            }
        }
    }
}

/// What a page for an unknown id was looking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// An article.
    Article,
    /// An entity.
    Entity,
}

/// What failed to load or run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The site's articles.
    Articles,
    /// A search.
    Search,
}

/// The Try it page's sentences (`src/routes/try_it.rs`).
impl Language {
    /// `what` failed, and the browser's `reason`: `Le fichier n’a pas pu être lu : …`.
    pub fn failed_because(self, what: &str, reason: &str) -> String {
        format!("{} {reason}", self.colon(what))
    }

    /// The Try it page's status after an extraction: the time it took in `millis`, the
    /// `entities` found in the text shown, the boilerplate blocks `set_aside`.
    pub fn try_summary(self, millis: f64, entities: usize, set_aside: usize) -> String {
        // Milliseconds of an extraction: a small whole number.
        let ms = self.number(millis.max(0.0).round() as usize);
        let entities = self.count(entities, Noun::Entity);
        match self {
            Language::Fr => {
                let (blocks, aside, shown) = if set_aside <= 1 {
                    ("bloc", "écarté", "affiché")
                } else {
                    ("blocs", "écartés", "affichés")
                };
                format!(
                    "Extrait dans votre navigateur en {ms}{NBSP}ms{NBSP}: {entities}, {set_aside} {blocks} de texte annexe {aside} (non {shown})."
                )
            }
            Language::En => format!(
                "Extracted in your browser in {ms} ms: {entities}, {set_aside} {} of boilerplate set aside (not shown).",
                if set_aside == 1 { "block" } else { "blocks" },
            ),
        }
    }
}

/// A noun counted in the interface ([`Language::count`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// `article`, `articles`.
    Article,
    /// `time`, `fois` (as in "mentioned 3 times").
    Time,
    /// `entity`, `entité`.
    Entity,
}

impl Noun {
    /// Every noun.
    pub const ALL: [Noun; 3] = [Noun::Article, Noun::Time, Noun::Entity];

    /// Its singular and plural in `language`.
    fn forms(self, language: Language) -> (&'static str, &'static str) {
        match (language, self) {
            (Language::En, Noun::Article) => ("article", "articles"),
            (Language::En, Noun::Time) => ("time", "times"),
            (Language::En, Noun::Entity) => ("entity", "entities"),
            (Language::Fr, Noun::Article) => ("article", "articles"),
            (Language::Fr, Noun::Time) => ("fois", "fois"),
            (Language::Fr, Noun::Entity) => ("entité", "entités"),
        }
    }
}

fn fr_unit(unit: Unit) -> &'static str {
    match unit {
        Unit::Week => "semaine",
        Unit::Month => "mois",
        Unit::Year => "année",
    }
}

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const FR_MONTHS_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

const EN_MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const FR_WEEKDAYS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];

const LANGUAGE_CODES: [&str; 12] = [
    "fr", "en", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "ar", "zh",
];

const EN_LANGUAGE_NAMES: [&str; 12] = [
    "French",
    "English",
    "German",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Russian",
    "Ukrainian",
    "Polish",
    "Arabic",
    "Chinese",
];

const FR_LANGUAGE_NAMES: [&str; 12] = [
    "français",
    "anglais",
    "allemand",
    "espagnol",
    "italien",
    "portugais",
    "néerlandais",
    "russe",
    "ukrainien",
    "polonais",
    "arabe",
    "chinois",
];

/// Defines [`Messages`] and its `fields` (every message by name, for the tests) from one list.
macro_rules! messages {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// The interface's fixed words in one language ([`Language::messages`]); sentences with
        /// numbers or names in them are [`Language`]'s methods.
        #[derive(Debug)]
        pub struct Messages {
            $($(#[doc = $doc])* pub $name: &'static str,)*
        }

        impl Messages {
            /// Every message with its name.
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

messages! {
    /// The skip link, first on every page.
    skip_to_content,
    /// The header's tagline.
    tagline,
    /// The header's link to the Try it page.
    try_it,
    /// The search box's label.
    search_label,
    /// The search box's placeholder.
    search_placeholder,
    /// The search box's button.
    search_button,
    /// The accessible name of a card's chips.
    main_entities,
    /// Before the export links.
    download_these,
    /// The button that loads every article for their download.
    prepare_download,
    /// While a download's file is made.
    preparing_file,
    /// A group's button that shows its first rows only.
    show_fewer,
    /// The sidebar's languages group.
    facet_language,
    /// The sidebar's sources group.
    facet_source,
    /// The sidebar's years group.
    facet_year,
    /// The filter bar's heading.
    filtered_by,
    /// The filter bar's button that removes every filter.
    clear_all,
    /// The sidebar's landmark name.
    entities,
    /// The sidebar's search label.
    find_entity,
    /// The sidebar's search placeholder.
    entity_placeholder,
    /// The sidebar while a search's counts load.
    counts_loading,
    /// The sidebar without an entity.
    no_entities,
    /// Said while the articles load.
    loading_articles,
    /// Said while an article loads.
    loading_article,
    /// The heading for data of another schema version.
    rebuild_needed,
    /// The hint for data that does not parse.
    maybe_truncated,
    /// An error page's title.
    error,
    /// The button that loads again.
    retry,
    /// A missing page's title and heading.
    not_found,
    /// A missing page's link home.
    go_home,
    /// What a missing page says.
    no_page_here,
    /// The group of a chart's bars.
    keep_period,
    /// The switch that makes the next bar chosen extend the period (Shift on a keyboard).
    extend_period,
    /// A chart's table's column of counts.
    articles_column,
    /// A chart without a date.
    no_dated_articles,
    /// The hint on an inferred date.
    date_inferred,
    /// After an inferred date.
    inferred,
    /// Before an article's licence (followed by a colon).
    licence,
    /// The link to an article's original.
    original_article,
    /// An embedded post's link.
    view_the_post,
    /// An article without related articles.
    no_related,
    /// Related articles that could not be computed.
    related_failed,
    /// The name of the links to the previous and next articles of the list the reader came from.
    in_the_list,
    /// Before the previous article's title.
    previous_article,
    /// Before the next article's title.
    next_article,
    /// Said while related articles are computed.
    finding_related,
    /// The button that computes related articles.
    find_related,
    /// The related articles' heading.
    related_heading,
    /// How related articles are ranked.
    related_hint,
    /// Before a related article's shared entities.
    also_mentions,
    /// An article the rebuild removed.
    article_removed,
    /// A title taken from the text.
    title_from_text,
    /// The legend of an article's marks.
    legend,
    /// An article's "read also" links.
    read_also,
    /// An article's entities.
    in_this_article,
    /// An entity address that cannot be an id.
    bad_entity_address,
    /// Before an entity's other spellings (followed by a colon).
    also_written,
    /// An entity's associated entities.
    often_with,
    /// How they are ranked, under that heading.
    often_with_order,
    /// The link back home.
    all_articles,
    /// The link back to the home page's view the reader came from (filtered or searched).
    back_to_list,
    /// The link back to the entity page an article was opened from, before its name.
    back_to_articles_mentioning,
    /// Before an entity's name, to filter by it.
    filter_home_by,
    /// Before an entity's name, over its articles.
    articles_mentioning,
    /// An entity's chart.
    mentions_over_time,
    /// A view whose field filters keep nothing.
    no_article_field,
    /// The button that clears a view.
    clear_view,
    /// Said while a search runs.
    searching,
    /// The home page's chart.
    articles_over_time,
    /// The home page's heading.
    articles,
    /// The home page's link past the sidebar.
    skip_to_articles,
    /// An entity filter that is not in the site.
    unknown_entity,
    /// Between a period's bounds in the filter bar.
    to,
    /// What failed to load: the site's data.
    what_site_data,
    /// What failed to load: an article's text.
    what_article_text,
    /// What failed to load: the code of a page the app loads when it is first shown (a wasm piece).
    what_page_code,
    /// What failed to load: the articles.
    what_articles,
    // The Try it page (`src/routes/try_it.rs`).
    /// What the Try it page does.
    try_intro,
    /// The text box's label.
    try_text,
    /// Before the file input.
    try_or_file,
    /// Before the format's choice.
    try_read_as,
    /// The format: plain text.
    try_plain_text,
    /// The format: Markdown.
    try_markdown,
    /// The format: a web page.
    try_web_page,
    /// Before the name of the file the text came from.
    try_from_file,
    /// The button that extracts.
    try_extract,
    /// Said while the extractor loads.
    try_loading,
    /// Said while the extractor works.
    try_working,
    /// The heading of the extraction as data.
    try_as_data,
    /// The text could not be sent (followed by a colon and the browser's reason).
    try_not_sent,
    /// The extractor is gone.
    try_not_running,
    /// The extractor failed (followed by a colon and the browser's reason).
    try_stopped,
    /// The extractor could not start (followed by a colon and the browser's reason).
    try_not_started,
    /// The file could not be read (followed by a colon and the browser's reason).
    try_file_unread,
    /// The extractor's answer could not be read (followed by a colon and the reason).
    try_answer_unread,
    /// The text made no article.
    try_no_article,
    /// A reason the browser did not give.
    try_unknown_error,
    /// The Try it page's description for link previews and search engines.
    try_description,
    /// What the Try it page says to a browser without JavaScript.
    try_needs_script,
    /// What the page of an entity without a page of its own says to a browser without
    /// JavaScript.
    entity_needs_script,
}

/// English.
const ENGLISH: Messages = Messages {
    skip_to_content: "Skip to content",
    tagline: "The news through the people, places and organisations in it",
    try_it: "Try it on your text",
    search_label: "Search the articles",
    search_placeholder: "Words in the articles",
    search_button: "Search",
    main_entities: "Main entities",
    download_these: "Download these articles:",
    prepare_download: "Download these articles (CSV, JSON)…",
    preparing_file: "Preparing the file…",
    show_fewer: "Show fewer",
    facet_language: "Language",
    facet_source: "Source",
    facet_year: "Year",
    filtered_by: "Filtered by",
    clear_all: "Clear all",
    entities: "Entities",
    find_entity: "Find an entity",
    entity_placeholder: "Name or spelling",
    counts_loading: "Counts of all articles: the counts of this view are loading…",
    no_entities: "No entities in these articles.",
    loading_articles: "Loading articles…",
    loading_article: "Loading the article…",
    rebuild_needed: "This site needs to be rebuilt",
    maybe_truncated: "The file may be truncated or still being written.",
    error: "Error",
    retry: "Retry",
    not_found: "Not found",
    go_home: "Go to the home page",
    no_page_here: "There is no page at this address.",
    keep_period: "Keep the articles of a period (Shift: up to it)",
    extend_period: "Extend to the next bar chosen",
    articles_column: "Articles",
    no_dated_articles: "No dated articles.",
    date_inferred: "The date was not given; it was inferred from the text.",
    inferred: "(inferred)",
    licence: "Licence",
    original_article: "Original article",
    view_the_post: "View the post",
    no_related: "No other article shares its people, places or organisations.",
    related_failed: "The site's list of articles could not be loaded.",
    in_the_list: "In the list",
    previous_article: "← Previous",
    next_article: "Next →",
    finding_related: "Finding related articles…",
    find_related: "Find related articles",
    related_heading: "Related articles",
    related_hint: "Ranked by the people, places and organisations they share with this one, the rarer the closer.",
    also_mentions: "— also mentions",
    article_removed: "This article is no longer in the site: it was removed when the site was rebuilt.",
    title_from_text: "This title was taken from the first sentence of the text.",
    legend: "Names in the text are marked by type, and link to their pages:",
    read_also: "Read also",
    in_this_article: "In this article",
    bad_entity_address: "There is no entity at this address: entity ids are made of a-z, 0-9 and -.",
    also_written: "Also written",
    often_with: "Often mentioned with",
    often_with_order: "Those named with it more often than chance would have it, the most bound to it first (not the most frequent: they are everywhere); the number is the articles they share.",
    all_articles: "← All articles",
    back_to_list: "← Back to the list",
    back_to_articles_mentioning: "← Articles that mention",
    filter_home_by: "Filter the home page by",
    articles_mentioning: "Articles that mention",
    mentions_over_time: "Mentions over time",
    no_article_field: "No article of this view has the language, source or date chosen.",
    clear_view: "Clear the search and filters",
    searching: "Searching…",
    articles_over_time: "Articles over time",
    articles: "Articles",
    skip_to_articles: "Skip to articles",
    unknown_entity: "not in this site",
    to: "to",
    what_site_data: "the site data",
    what_article_text: "the text of this article",
    what_page_code: "this page",
    what_articles: "the articles",
    try_intro: "Paste an article, or drop a .txt, .md or .html file, to see it cleaned into its text and boilerplate, with its people, places, organisations and dates marked as on the site’s article pages. The extraction runs in your browser: nothing you give here leaves it.",
    try_text: "Text",
    try_or_file: "Or a file:",
    try_read_as: "Read as",
    try_plain_text: "plain text",
    try_markdown: "Markdown",
    try_web_page: "a web page (HTML)",
    try_from_file: "From",
    try_extract: "Extract",
    try_loading: "Loading the extractor…",
    try_working: "Extracting…",
    try_as_data: "The extraction as data (JSON)",
    try_not_sent: "The text could not be given to the extractor",
    try_not_running: "The extractor is not running: reload the page to start it again.",
    try_stopped: "The extractor stopped; reload the page to try again",
    try_not_started: "The extractor could not be started",
    try_file_unread: "The file could not be read",
    try_answer_unread: "The extractor’s answer could not be read",
    try_no_article: "No article could be made of this text.",
    try_unknown_error: "unknown error",
    try_description: "Paste a text to see the people, places, organisations and dates this site would find in it, in your browser",
    try_needs_script: "This page finds the people, places, organisations and dates in a text you give it, in your browser: it needs JavaScript.",
    entity_needs_script: "This page lists the articles that mention a person, place, organisation or date: it needs JavaScript.",
};

/// French.
const FRENCH: Messages = Messages {
    skip_to_content: "Aller au contenu",
    tagline: "L’actualité par les personnes, les lieux et les organisations qui la font",
    try_it: "Essayer sur votre texte",
    search_label: "Chercher dans les articles",
    search_placeholder: "Mots des articles",
    search_button: "Chercher",
    main_entities: "Entités principales",
    download_these: "Télécharger ces articles\u{a0}:",
    prepare_download: "Télécharger ces articles (CSV, JSON)…",
    preparing_file: "Préparation du fichier…",
    show_fewer: "Afficher moins",
    facet_language: "Langue",
    facet_source: "Source",
    facet_year: "Année",
    filtered_by: "Filtré par",
    clear_all: "Tout effacer",
    entities: "Entités",
    find_entity: "Trouver une entité",
    entity_placeholder: "Nom ou graphie",
    counts_loading: "Comptes de tous les articles\u{a0}: ceux de cette vue se chargent…",
    no_entities: "Aucune entité dans ces articles.",
    loading_articles: "Chargement des articles…",
    loading_article: "Chargement de l’article…",
    rebuild_needed: "Ce site doit être reconstruit",
    maybe_truncated: "Le fichier est peut-être tronqué ou en cours d’écriture.",
    error: "Erreur",
    retry: "Réessayer",
    not_found: "Page introuvable",
    go_home: "Aller à l’accueil",
    no_page_here: "Il n’y a pas de page à cette adresse.",
    keep_period: "Garder les articles d’une période (Maj\u{a0}: jusqu’à elle)",
    extend_period: "Étendre jusqu’à la prochaine barre choisie",
    articles_column: "Articles",
    no_dated_articles: "Aucun article daté.",
    date_inferred: "La date n’était pas donnée\u{202f}; elle a été déduite du texte.",
    inferred: "(déduite)",
    licence: "Licence",
    original_article: "Article original",
    view_the_post: "Voir la publication",
    no_related: "Aucun autre article ne partage ses personnes, lieux ou organisations.",
    related_failed: "La liste des articles du site n’a pas pu être chargée.",
    in_the_list: "Dans la liste",
    previous_article: "← Précédent",
    next_article: "Suivant →",
    finding_related: "Recherche d’articles liés…",
    find_related: "Trouver des articles liés",
    related_heading: "Articles liés",
    related_hint: "Classés par les personnes, lieux et organisations qu’ils partagent avec celui-ci, les plus rares comptant le plus.",
    also_mentions: "— cite aussi",
    article_removed: "Cet article n’est plus sur le site\u{a0}: il a été retiré lors de la reconstruction du site.",
    title_from_text: "Ce titre a été tiré de la première phrase du texte.",
    legend: "Les noms du texte sont marqués par type et mènent à leur page\u{a0}:",
    read_also: "À lire aussi",
    in_this_article: "Dans cet article",
    bad_entity_address: "Il n’y a pas d’entité à cette adresse\u{a0}: les identifiants d’entités sont faits de a-z, 0-9 et -.",
    also_written: "Aussi écrit",
    often_with: "Souvent cité avec",
    often_with_order: "Ceux qui sont cités avec plus souvent que le hasard ne le voudrait, les plus liés d’abord (pas les plus fréquents\u{a0}: ils sont partout)\u{202f}; le nombre est celui des articles partagés.",
    all_articles: "← Tous les articles",
    back_to_list: "← Retour à la liste",
    back_to_articles_mentioning: "← Articles qui citent",
    filter_home_by: "Filtrer l’accueil par",
    articles_mentioning: "Articles qui citent",
    mentions_over_time: "Mentions dans le temps",
    no_article_field: "Aucun article de cette vue n’a la langue, la source ou la date choisie.",
    clear_view: "Effacer la recherche et les filtres",
    searching: "Recherche…",
    articles_over_time: "Articles dans le temps",
    articles: "Articles",
    skip_to_articles: "Aller aux articles",
    unknown_entity: "absent de ce site",
    to: "à",
    what_site_data: "les données du site",
    what_article_text: "le texte de cet article",
    what_page_code: "cette page",
    what_articles: "les articles",
    try_intro: "Collez un article, ou déposez un fichier .txt, .md ou .html, pour le voir nettoyé en son texte et ses éléments annexes, avec ses personnes, lieux, organisations et dates marqués comme sur les pages d’articles du site. L’extraction se fait dans votre navigateur\u{a0}: rien de ce que vous donnez ici n’en sort.",
    try_text: "Texte",
    try_or_file: "Ou un fichier\u{a0}:",
    try_read_as: "Lire comme",
    try_plain_text: "du texte brut",
    try_markdown: "du Markdown",
    try_web_page: "une page web (HTML)",
    try_from_file: "Tiré de",
    try_extract: "Extraire",
    try_loading: "Chargement de l’extracteur…",
    try_working: "Extraction…",
    try_as_data: "L’extraction en données (JSON)",
    try_not_sent: "Le texte n’a pas pu être donné à l’extracteur",
    try_not_running: "L’extracteur ne tourne pas\u{a0}: rechargez la page pour le relancer.",
    try_stopped: "L’extracteur s’est arrêté\u{202f}; rechargez la page pour réessayer",
    try_not_started: "L’extracteur n’a pas pu démarrer",
    try_file_unread: "Le fichier n’a pas pu être lu",
    try_answer_unread: "La réponse de l’extracteur n’a pas pu être lue",
    try_no_article: "Aucun article n’a pu être tiré de ce texte.",
    try_unknown_error: "erreur inconnue",
    try_description: "Collez un texte pour voir les personnes, lieux, organisations et dates que ce site y trouverait, dans votre navigateur",
    try_needs_script: "Cette page trouve les personnes, lieux, organisations et dates d’un texte que vous lui donnez, dans votre navigateur\u{a0}: elle a besoin de JavaScript.",
    entity_needs_script: "Cette page liste les articles qui citent une personne, un lieu, une organisation ou une date\u{a0}: elle a besoin de JavaScript.",
};

#[cfg(test)]
mod tests {
    use super::*;

    /// What link previews say of the pages is in the interface's language.
    #[test]
    fn page_descriptions_are_in_the_interface_language() {
        assert_eq!(
            Language::En.entity_description(Label::Person, 287, "Kiosque"),
            "Person mentioned in 287 articles of Kiosque"
        );
        let fr = Language::Fr.entity_description(Label::Place, 1, "Kiosque");
        assert_eq!(fr, "Lieu cité dans 1 article de Kiosque");
        let home = Language::Fr.home_description(10_000);
        assert!(
            home.starts_with("10") && home.contains("articles, à explorer"),
            "{home}"
        );
        assert!(
            Language::Fr
                .entities_description("K")
                .starts_with("Personnes, lieux")
        );
    }

    /// A value of the address that is not one is named in the interface's words.
    #[test]
    fn a_value_that_is_not_one_is_named_in_the_interface_language() {
        assert_eq!(
            Language::En.invalid_value("from", "2024-13"),
            "from “\u{2068}2024-13\u{2069}” (not a date)"
        );
        let fr = Language::Fr.invalid_value("to", "2024-99");
        assert!(
            fr.starts_with("jusqu’à «") && fr.ends_with("» (pas une date)"),
            "{fr}"
        );
        assert!(fr.contains("2024-99") && !fr.contains("to "), "{fr}");
        let lang = Language::Fr.invalid_value("lang", "xx");
        assert!(
            lang.starts_with("langue «") && lang.ends_with("(pas un code de langue)"),
            "{lang}"
        );
    }

    #[test]
    fn the_try_page_s_summary_counts_in_each_language() {
        assert_eq!(
            Language::En.try_summary(41.6, 1, 3),
            "Extracted in your browser in 42 ms: 1 entity, 3 blocks of boilerplate set aside (not shown)."
        );
        assert_eq!(
            Language::Fr.try_summary(1250.0, 2, 1),
            "Extrait dans votre navigateur en 1\u{202f}250\u{a0}ms\u{a0}: 2 entités, 1 bloc de texte annexe écarté (non affiché)."
        );
        assert_eq!(
            Language::Fr
                .failed_because(Language::Fr.messages().try_file_unread, "NotReadableError"),
            "Le fichier n’a pas pu être lu\u{a0}: NotReadableError"
        );
    }

    #[test]
    fn every_message_is_there_in_both_languages() {
        let (fr, en) = (FRENCH.fields(), ENGLISH.fields());
        assert_eq!(fr.len(), en.len());
        for ((name, fr), (_, en)) in fr.iter().zip(&en) {
            assert!(!fr.trim().is_empty() && !en.trim().is_empty(), "{name}");
            // A French sentence that is the English one was forgotten (but for the words the
            // two languages share).
            if !["facet_source", "articles_column", "licence", "articles"].contains(name) {
                assert_ne!(fr, en, "{name} is not translated");
            }
        }
    }

    #[test]
    fn french_puts_no_break_spaces_before_double_punctuation() {
        for language in Language::ALL {
            for (name, text) in language.messages().fields() {
                for (i, c) in text.char_indices() {
                    if matches!(c, ':' | ';' | '?' | '!') && i > 0 {
                        let before = text[..i].chars().next_back();
                        match language {
                            Language::Fr => {
                                assert!(matches!(before, Some(NBSP | NNBSP)), "{name}: {text:?}")
                            }
                            Language::En => {
                                assert!(!matches!(before, Some(' ' | NBSP | NNBSP)), "{name}")
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(Language::Fr.colon("Licence"), "Licence\u{a0}:");
        assert_eq!(Language::Fr.quote("Koursk"), "«\u{a0}Koursk\u{a0}»");
        assert_eq!(Language::En.quote("Kursk"), "“Kursk”");
    }

    #[test]
    fn counts_take_the_plural_each_language_gives_them() {
        assert_eq!(Language::En.count(1, Noun::Article), "1 article");
        assert_eq!(Language::En.count(0, Noun::Article), "0 articles");
        assert_eq!(Language::En.count(2, Noun::Time), "2 times");
        assert_eq!(Language::Fr.count(1, Noun::Article), "1 article");
        assert_eq!(Language::Fr.count(0, Noun::Article), "0 article");
        assert_eq!(Language::Fr.count(2, Noun::Entity), "2 entités");
        assert_eq!(Language::Fr.count(3, Noun::Time), "3 fois");
        // English plurals of every noun end in -s; French ones too but for "fois".
        for noun in Noun::ALL {
            assert!(Language::En.count(2, noun).ends_with('s'), "{noun:?}");
        }
    }

    #[test]
    fn numbers_have_each_languages_thousands_separator() {
        assert_eq!(Language::En.number(10_000), "10,000");
        assert_eq!(Language::Fr.number(10_000), "10\u{202f}000");
        assert_eq!(Language::En.number(1_234_567), "1,234,567");
        assert_eq!(Language::Fr.number(999), "999");
        assert_eq!(Language::En.number(0), "0");
        assert_eq!(Language::En.number(100_000), "100,000");
        assert_eq!(
            Language::Fr.count(12_345, Noun::Article),
            "12\u{202f}345 articles"
        );
    }

    #[test]
    fn dates_are_written_in_the_interface_language() {
        assert_eq!(
            Language::En.date("2025-01-06").as_deref(),
            Some("Mon 6 January 2025")
        );
        assert_eq!(
            Language::Fr.date("2025-01-06").as_deref(),
            Some("lun. 6 janvier 2025")
        );
        assert_eq!(
            Language::Fr.date("2024-08-01T10:00Z").as_deref(),
            Some("jeu. 1er août 2024")
        );
        assert_eq!(
            Language::Fr.date("2025-02").as_deref(),
            Some("février 2025")
        );
        assert_eq!(Language::En.date("2025").as_deref(), Some("2025"));
        assert_eq!(Language::Fr.date("2025-02-30"), None);
        assert_eq!(Language::Fr.date("lundi"), None);
        // A date entity is named so in the interface, whatever the data named it.
        let mut day = Entity {
            id: "date-2012-10-29".parse().expect("an id"),
            label: Label::Date,
            name: "29 October 2012".to_owned(),
            aliases: Vec::new(),
            articles: 1,
            mentions: 1,
            value: Some("2012-10-29".to_owned()),
            confidence: None,
        };
        assert_eq!(Language::Fr.entity_name(&day), "29 octobre 2012");
        assert_eq!(Language::En.entity_name(&day), "29 October 2012");
        day.value = Some("2012-08".to_owned());
        assert_eq!(Language::Fr.entity_name(&day), "août 2012");
        day.value = Some("2012-08-01".to_owned());
        assert_eq!(Language::Fr.entity_name(&day), "1er août 2012");
        day.value = Some("some day".to_owned());
        assert_eq!(Language::Fr.entity_name(&day), "29 October 2012");
        let place = Entity {
            label: Label::Place,
            value: Some("2012-10-29".to_owned()),
            ..day
        };
        assert_eq!(Language::Fr.entity_name(&place), "29 October 2012");
        // The English form is the one `display::format_date` gives.
        for iso in ["2024-02-29", "2025-01", "1999", "2000-03-01T12:00:00Z"] {
            assert_eq!(Language::En.date(iso), crate::display::format_date(iso));
        }
    }

    #[test]
    fn chart_periods_and_summaries_follow_the_language() {
        let timeline = crate::timeline::timeline([Some("2024-03-04"), Some("2024-05-20"), None]);
        assert_eq!(timeline.unit, Unit::Week);
        assert_eq!(
            Language::Fr.period(Unit::Week, &timeline.bins[0].start),
            "semaine du 4 mars 2024"
        );
        assert_eq!(
            Language::En.period(Unit::Week, &timeline.bins[0].start),
            "week of 4 March 2024"
        );
        assert_eq!(
            Language::En.period_short(Unit::Week, &timeline.bins[0].start),
            "4 Mar"
        );
        // Under the bars, the month a week begins, the year a month or a year begins.
        assert_eq!(Language::Fr.tick(Unit::Week, "2024-03-04"), "mars 2024");
        assert_eq!(Language::En.tick(Unit::Week, "2024-03-04"), "Mar 2024");
        assert_eq!(Language::Fr.tick(Unit::Month, "2024-01-01"), "2024");
        assert_eq!(Language::En.tick(Unit::Year, "2024-01-01"), "2024");
        assert_eq!(
            Language::En.timeline_summary(&timeline),
            "2 articles from the week of 4 March 2024 to the week of 20 May 2024, by week; \
             the most in the week of 4 March 2024 (1). 1 article without a date."
        );
        assert_eq!(
            Language::Fr.timeline_summary(&timeline),
            "2 articles de la semaine du 4 mars 2024 à la semaine du 20 mai 2024, par semaine\u{202f}; \
             le plus la semaine du 4 mars 2024 (1). 1 article sans date."
        );
        // French elides "de" before a vowel: "d’avril 2023 à janvier 2024".
        assert_eq!(Language::Fr.after("de", "avril 2023"), "d’avril 2023");
        assert_eq!(Language::Fr.after("de", "août 2023"), "d’août 2023");
        assert_eq!(Language::Fr.after("de", "mars 2023"), "de mars 2023");
        assert_eq!(Language::Fr.after("de", "2012"), "de 2012");
        assert_eq!(
            Language::Fr.bar(Unit::Month, "2024-03-01", 12),
            "mars 2024\u{a0}: 12 articles"
        );
        assert_eq!(
            Language::En.bar(Unit::Month, "2024-03-01", 1),
            "March 2024: 1 article"
        );
    }

    #[test]
    fn empty_views_are_explained_in_the_interface_language() {
        let unknown = EmptyReason::Unknown(vec!["loc-x"]);
        assert_eq!(
            Language::En.empty_reason(&unknown),
            "‘\u{2068}loc-x\u{2069}’ is not in this corpus."
        );
        assert_eq!(
            Language::Fr.empty_reason(&unknown),
            "‘\u{2068}loc-x\u{2069}’ n’est pas dans ce corpus."
        );
        let words = ["xyzzy".to_owned(), "plugh".to_owned()];
        assert_eq!(
            Language::Fr.no_search_match("xyzzy plugh", &words, false),
            "Aucun article ne contient «\u{a0}\u{2068}xyzzy\u{2069}\u{a0}» et \
             «\u{a0}\u{2068}plugh\u{2069}\u{a0}»."
        );
        let strip = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(
            strip(Language::En.no_search_match("koursk zzz", &["zzz".into()], false)),
            "No article contains “zzz”."
        );
        assert_eq!(
            strip(Language::En.no_search_match("koursk xiaomi", &[], false)),
            "No article contains all the words of “koursk xiaomi”."
        );
        assert_eq!(
            strip(Language::En.no_search_match("koursk", &[], true)),
            "No article with the selected entities matches “koursk”."
        );
    }

    #[test]
    fn periods_read_in_the_interface_language() {
        let en = |from, to| Language::En.period_between(from, to);
        let fr = |from, to| Language::Fr.period_between(from, to);
        assert_eq!(
            en(Some("2024-03"), Some("2024-03")).as_deref(),
            Some("March 2024")
        );
        assert_eq!(
            en(Some("2024-03"), Some("2024-05")).as_deref(),
            Some("March 2024 to May 2024")
        );
        assert_eq!(en(Some("2024"), None).as_deref(), Some("since 2024"));
        assert_eq!(
            en(None, Some("2024-03-04")).as_deref(),
            Some("until 4 March 2024")
        );
        assert_eq!(en(None, None), None);
        assert_eq!(
            fr(Some("2024-03"), Some("2024-05")).as_deref(),
            Some("de mars 2024 à mai 2024")
        );
        assert_eq!(
            fr(Some("2024-03-01"), Some("2024-05-20")).as_deref(),
            Some("du 1er mars 2024 au 20 mai 2024")
        );
        assert_eq!(fr(Some("2024"), None).as_deref(), Some("depuis 2024"));
        assert_eq!(
            fr(None, Some("2024-03-04")).as_deref(),
            Some("jusqu’au 4 mars 2024")
        );
        assert_eq!(
            fr(None, Some("2024-13")).as_deref(),
            Some("jusqu’à 2024-13")
        );
    }

    #[test]
    fn the_default_interface_is_the_majority_language() {
        assert_eq!(
            Language::majority([Some("fr"), Some("fr"), Some("en"), None]),
            Language::Fr
        );
        assert_eq!(
            Language::majority([Some("en"), Some("de"), Some("de")]),
            Language::En
        );
        assert_eq!(Language::majority([Some("fr"), Some("en")]), Language::En);
        assert_eq!(Language::majority([None, Some("zz")]), Language::En);
        assert_eq!(Language::from_code("FR-ca"), Some(Language::Fr));
        assert_eq!(Language::from_code("de"), None);
    }

    #[test]
    fn only_text_in_another_language_is_marked() {
        assert_eq!(Language::Fr.lang_of(Some("en")).as_deref(), Some("en"));
        assert_eq!(Language::Fr.lang_of(Some("fr")), None);
        assert_eq!(Language::Fr.lang_of(Some("fr-CA")), None);
        assert_eq!(Language::En.lang_of(Some("fr")).as_deref(), Some("fr"));
        assert_eq!(Language::En.lang_of(Some("de")).as_deref(), Some("de"));
        assert_eq!(Language::En.lang_of(None), None);
        assert_eq!(Language::En.lang_of(Some(" ")), None);
    }

    #[test]
    fn languages_and_labels_are_named_in_the_interface_language() {
        assert_eq!(Language::Fr.language_name("EN"), "anglais");
        assert_eq!(Language::En.language_name("fr"), "French");
        assert_eq!(Language::Fr.language_name("sw"), "SW");
        assert_eq!(Language::Fr.label_plural(Label::Place), "Lieux");
        assert_eq!(Language::En.label_plural(Label::Place), "Places");
        assert_eq!(Language::Fr.label_singular(Label::Person), "Personne");
        assert_eq!(Language::Fr.label_lowercase(Label::Place), "lieu");
        assert_eq!(Language::Fr.mentioned(1, 1), "Cité 1 fois dans 1 article.");
        assert_eq!(
            Language::En.mentioned(3, 2),
            "Mentioned 3 times in 2 articles."
        );
        assert_eq!(
            Language::En.no_entity_listed("  ", false),
            "No entities in these articles."
        );
        assert_eq!(
            Language::En.no_entity_listed(" kursk ", false),
            "No entity matches “kursk”."
        );
        assert_eq!(
            Language::En.no_entity_listed("kursk", true),
            "No entity matches “kursk” in these articles."
        );
        assert_eq!(
            Language::Fr.no_entity_listed(" koursk ", true),
            "Aucune entité de ces articles ne correspond à «\u{a0}koursk\u{a0}»."
        );
    }
}
