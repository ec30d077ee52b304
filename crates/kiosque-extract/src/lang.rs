//! Language detection, and the ISO 639-1 codes the data contract uses.

use whatlang::Lang;

/// The ISO 639-1 code of the language of `text` (`fr`, `en`, …), or `None` when the text is too
/// short or too mixed to tell.
pub fn detect(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    // Very short texts give unreliable guesses; accept them only when whatlang is sure.
    if text.split_whitespace().count() < 4 && !info.is_reliable() {
        return None;
    }
    Some(iso_639_1(info.lang()).to_owned())
}

/// The ISO 639-1 code of a language whatlang knows (it knows only languages that have one).
fn iso_639_1(lang: Lang) -> &'static str {
    from_iso_639_3(lang.code()).unwrap_or("")
}

/// Every ISO 639-1 code: what the data contract's `lang` holds.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce \
    ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv \
    ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr \
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn \
    no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
    sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh \
    yi yo za zh zu";

/// Whether `code` is an ISO 639-1 code (lowercase).
pub fn is_iso_639_1(code: &str) -> bool {
    code.len() == 2 && ISO_639_1.split_whitespace().any(|c| c == code)
}

/// The ISO 639-1 code of a three-letter ISO 639-2/3 code (`fra`, `fre` → `fr`), for the
/// languages whatlang detects and the common bibliographic variants.
pub fn from_iso_639_3(code: &str) -> Option<&'static str> {
    Some(match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" | "cze" => "cs",
        "cmn" | "zho" | "chi" => "zh",
        "cym" | "wel" => "cy",
        "dan" => "da",
        "deu" | "ger" => "de",
        "ell" | "gre" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "eus" | "baq" => "eu",
        "fin" => "fi",
        "fra" | "fre" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" | "arm" => "hy",
        "ind" => "id",
        "isl" | "ice" => "is",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" | "geo" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" | "mac" => "mk",
        "msa" | "may" => "ms",
        "mya" | "bur" => "my",
        "nep" => "ne",
        "nld" | "dut" => "nl",
        "nob" => "nb",
        "nor" => "no",
        "ori" => "or",
        "pan" => "pa",
        "pes" | "fas" | "per" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" | "rum" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" | "slo" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "sqi" | "alb" => "sq",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

/// Language names people write instead of a code, in English, in the language itself and in
/// French, for the languages news most often comes in.
const NAMES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "english", "anglais", "englisch", "inglés", "ingles", "inglese",
        ],
    ),
    (
        "fr",
        &[
            "french",
            "français",
            "francais",
            "französisch",
            "francés",
            "francese",
        ],
    ),
    (
        "de",
        &["german", "deutsch", "allemand", "alemán", "tedesco"],
    ),
    (
        "es",
        &["spanish", "español", "espanol", "castellano", "espagnol"],
    ),
    ("it", &["italian", "italiano", "italien"]),
    ("pt", &["portuguese", "português", "portugues", "portugais"]),
    ("nl", &["dutch", "nederlands", "néerlandais", "neerlandais"]),
    ("ru", &["russian", "русский", "russe"]),
    ("uk", &["ukrainian", "українська", "ukrainien"]),
    ("pl", &["polish", "polski", "polonais"]),
    ("ar", &["arabic", "العربية", "arabe"]),
    ("zh", &["chinese", "中文", "chinois"]),
    ("ja", &["japanese", "日本語", "japonais"]),
];

/// What a language given by an input means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    /// An ISO 639-1 code, as given or with its region or script dropped (`fr-FR` → `fr`).
    Code(String),
    /// A language name or a three-letter code, read as the ISO 639-1 code of that language
    /// (`english` → `en`, `fra` → `fr`): the input should say so itself.
    ReadAs(&'static str),
    /// Not a language Kiosque can name: the language is detected instead.
    Unknown,
}

/// Reads a language as inputs give it: an ISO 639-1 code, a BCP 47 tag (`fr-FR`, `en_US`,
/// `zh-Hant`), a three-letter code or a common language name.
pub fn read_given(value: &str) -> Given {
    let value = value.trim().to_lowercase();
    let primary = value.split(['-', '_']).next().unwrap_or_default();
    if is_iso_639_1(primary) {
        return Given::Code(primary.to_owned());
    }
    if let Some(code) = from_iso_639_3(primary) {
        return Given::ReadAs(code);
    }
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&value.as_str()))
        .map_or(Given::Unknown, |(code, _)| Given::ReadAs(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_news_are_told_apart() {
        assert_eq!(
            detect("La Russie a déclaré lundi avoir réalisé une avancée importante dans l’Est de l’Ukraine").as_deref(),
            Some("fr")
        );
        assert_eq!(
            detect("At least 21 people were killed and 110 were injured in Russia after a strike")
                .as_deref(),
            Some("en")
        );
        assert_eq!(detect(""), None);
        assert_eq!(detect("!!! ???"), None);
    }

    #[test]
    fn every_detectable_language_has_an_iso_639_1_code() {
        for lang in whatlang::Lang::all() {
            let code = iso_639_1(*lang);
            assert!(is_iso_639_1(code), "{lang:?} gives {code:?}");
        }
    }

    #[test]
    fn given_languages_are_read_as_codes_or_refused() {
        assert_eq!(read_given("fr"), Given::Code("fr".into()));
        assert_eq!(read_given(" FR-fr "), Given::Code("fr".into()));
        assert_eq!(read_given("en_US"), Given::Code("en".into()));
        assert_eq!(read_given("english"), Given::ReadAs("en"));
        assert_eq!(read_given("Français"), Given::ReadAs("fr"));
        assert_eq!(read_given("fra"), Given::ReadAs("fr"));
        assert_eq!(read_given("<b>"), Given::Unknown);
        assert_eq!(read_given("xx"), Given::Unknown);
        assert_eq!(read_given(""), Given::Unknown);
    }
}
