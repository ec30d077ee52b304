//! What the foot of the home page's sidebar shows of every article (its languages, sources and
//! years with their counts, and its timeline), made by the build and carried by `site.json`
//! (schema 2.5, `overview`): the first screen shows them without the whole site, which only a
//! view that narrows the articles, "Show more" or the entity finder then loads.

use serde::{Deserialize, Serialize};

use crate::refine::{ArticleFields, FieldCount, Refined, refine_fields};
use crate::selection::Selection;
use crate::timeline::{Timeline, TimelineCounts, counts_of_fields};

/// `site.json`'s `overview`: each group's values with their counts over every article, in the
/// order the sidebar lists them (languages and sources the most frequent first, years newest
/// first), and the timeline of every article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Languages (lowercase codes) and their articles.
    #[serde(default)]
    pub langs: Vec<(String, u32)>,
    /// Sources and their articles.
    #[serde(default)]
    pub sources: Vec<(String, u32)>,
    /// Years (`YYYY`) and their articles.
    #[serde(default)]
    pub years: Vec<(String, u32)>,
    /// Every article over time.
    pub timeline: TimelineCounts,
}

impl Overview {
    /// The overview of every article of a site, from their `fields`, as the home page counts
    /// them.
    pub fn of(fields: &ArticleFields) -> Overview {
        let all: Vec<u32> = (0..fields.len() as u32).collect();
        Overview::of_articles(fields, &all)
    }

    /// The overview of the articles at `positions` (each once) as the home page counts a view
    /// of them (nothing chosen but what gave them): what the foot of its sidebar shows.
    pub fn of_articles(fields: &ArticleFields, positions: &[u32]) -> Overview {
        let refined = refine_fields(fields, positions, &Selection::default());
        let pairs = |counts: Vec<FieldCount>| -> Vec<(String, u32)> {
            counts.into_iter().map(|f| (f.value, f.count)).collect()
        };
        Overview {
            langs: pairs(refined.langs),
            sources: pairs(refined.sources),
            years: pairs(refined.years),
            timeline: counts_of_fields(fields, positions),
        }
    }

    /// The counts as the home page's view of every article has them (nothing chosen; no
    /// articles listed: the first screen's cards come from `site.json`'s `first`).
    pub fn refined(&self) -> Refined {
        let counts = |pairs: &[(String, u32)]| -> Vec<FieldCount> {
            (pairs.iter())
                .map(|(value, count)| FieldCount {
                    value: value.clone(),
                    count: *count,
                    selected: false,
                })
                .collect()
        };
        Refined {
            langs: counts(&self.langs),
            sources: counts(&self.sources),
            years: counts(&self.years),
            ..Refined::default()
        }
    }

    /// The timeline of every article; `None` when the file's is not one (see
    /// [`Timeline::from_counts`]).
    pub fn timeline(&self) -> Option<Timeline> {
        Timeline::from_counts(&self.timeline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refine::refine;
    use crate::testing::{article, corpus};
    use crate::timeline::timeline_at;

    #[test]
    fn the_overview_is_what_the_home_page_counts_of_every_article() {
        let mut articles = Vec::new();
        for (i, (date, lang, source)) in [
            (Some("2024-03-01"), Some("fr"), Some("Le Monde")),
            (Some("2024-03-09T10:00:00Z"), Some("FR"), Some(" Le Monde ")),
            (Some("2023-11"), Some("en"), Some("BBC")),
            (None, None, None),
            (Some("2001"), Some("en"), Some("  ")),
            (Some("not a date"), Some("de"), Some("BBC")),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = article(&format!("a{i}"), &[]);
            a.published = date.map(str::to_owned);
            a.lang = lang.map(str::to_owned);
            a.source = source.map(str::to_owned);
            articles.push(a);
        }
        let overview = Overview::of(&ArticleFields::of(&articles));
        let corpus = corpus(articles, Vec::new());
        let all: Vec<u32> = (0..6).collect();
        let counted = refine(&corpus, &all, &Selection::default());
        assert_eq!(
            overview.refined(),
            Refined {
                visible: Vec::new(),
                any_period: Vec::new(),
                ..counted
            }
        );
        assert_eq!(overview.timeline(), Some(timeline_at(&corpus, &all)));
        // Ties by value; `FR` is `fr`.
        let langs: Vec<(&str, u32)> = (overview.langs.iter())
            .map(|(l, n)| (l.as_str(), *n))
            .collect();
        assert_eq!(langs, [("en", 2), ("fr", 2), ("de", 1)]);
        assert_eq!(overview.sources[0], ("BBC".to_owned(), 2));
        assert_eq!(overview.years[0], ("2024".to_owned(), 2));
        // As the JSON carries it, and back.
        let json = serde_json::to_string(&overview).expect("an overview serialises");
        assert!(json.ends_with(r#"0,1,2],"undated":2}}"#), "{json}");
        assert!(
            json.contains(r#""timeline":{"unit":"year","start":"2001-01-01","counts":[1,0,"#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<Overview>(&json).expect("an overview reads back"),
            overview
        );
    }

    #[test]
    fn a_timeline_comes_back_from_its_counts_by_week_month_and_year() {
        for dates in [
            vec!["2024-03-04", "2024-03-20", "2024-05-01"],
            vec!["2020-01-15", "2024-12-31"],
            vec!["1990-06-01", "2024-01-01", "2024-02-01"],
            vec![],
        ] {
            let timeline = crate::timeline::timeline(dates.iter().map(|d| Some(*d)).chain([None]));
            assert_eq!(
                Timeline::from_counts(&timeline.counts()),
                Some(timeline.clone())
            );
        }
    }

    #[test]
    fn a_timeline_whose_first_day_its_unit_does_not_begin_on_is_not_read() {
        let read = |unit: &str, start: &str| {
            let json = format!(r#"{{"unit":"{unit}","start":"{start}","counts":[1,2]}}"#);
            Timeline::from_counts(&serde_json::from_str(&json).expect("timeline counts"))
        };
        assert!(read("week", "2024-03-04").is_some());
        assert!(read("week", "2024-03-05").is_none());
        assert!(read("month", "2024-03-01").is_some());
        assert!(read("month", "2024-03-02").is_none());
        assert!(read("year", "2024-02-01").is_none());
        assert!(read("year", "2024").is_none());
        assert!(read("month", "<b>").is_none());
        // More bars than the unit ever gives: 240 months at most.
        let many = |unit: &str, bars: usize| {
            let counts = vec!["0"; bars].join(",");
            let json = format!(r#"{{"unit":"{unit}","start":"2000-01-01","counts":[{counts}]}}"#);
            Timeline::from_counts(&serde_json::from_str(&json).expect("timeline counts"))
        };
        assert!(many("month", 240).is_some());
        assert!(many("month", 241).is_none());
        assert!(many("year", 1_000_000).is_none());
        assert!(serde_json::from_str::<TimelineCounts>(r#"{"unit":"day"}"#).is_err());
    }
}
