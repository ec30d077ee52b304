//! Language detection.

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

/// The two-letter code of a language, or its three-letter code when it has none.
fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Fra => "fr",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Ara => "ar",
        Lang::Tur => "tr",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Ron => "ro",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Heb => "he",
        other => other.code(),
    }
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
}
