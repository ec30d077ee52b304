use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn found(text: &str) -> Vec<(String, DateExpr)> {
    find_dates(text)
        .into_iter()
        .map(|m| {
            (
                text.chars().skip(m.start).take(m.end - m.start).collect(),
                m.expr,
            )
        })
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(s, _)| s).collect()
}

#[test]
fn french_and_english_forms_are_found_with_minimal_spans() {
    assert_eq!(
        spans("avant l’investiture de Donald Trump, prévue le 20 janvier, et lundi"),
        ["20 janvier", "lundi"]
    );
    assert_eq!(
        spans("(@silvano_trotta) January 5, 2025"),
        ["January 5, 2025"]
    );
    assert_eq!(
        spans("qui se déroulent du 22 au 24 juin 2012, a démarré aujourd'hui."),
        ["22 au 24 juin 2012", "aujourd'hui"]
    );
    assert_eq!(
        spans("Ce samedi matin, puis jeudi dernier"),
        ["samedi matin", "jeudi dernier"]
    );
    assert_eq!(spans("pourrait commencer fin 2013."), ["fin 2013"]);
    assert_eq!(
        spans("On Thursday at noon, until April 30."),
        ["Thursday", "April 30"]
    );
    assert_eq!(spans("le 1er août 2012. - La Croatie"), ["1er août 2012"]);
}

#[test]
fn numbers_that_are_not_years_are_left_alone() {
    assert!(spans("environ 2000 personnes et 1 2024 euros").is_empty());
    assert_eq!(spans("fermé en 2009, malgré"), ["2009"]);
    assert!(spans("you may go").is_empty());
}

#[test]
fn seed_dates_resolve_against_monday_6_january_2025() {
    let reference = Some(date(2025, 1, 6));
    let text = "prévue le 20 janvier, lundi, dimanche, le 6 août, l’échec d’hier, aujourd’hui";
    let resolved: Vec<String> = find_dates(text)
        .iter()
        .filter_map(|m| m.expr.resolve(reference))
        .map(|v| v.iso())
        .collect();
    assert_eq!(
        resolved,
        [
            "2025-01-20",
            "2025-01-06",
            "2025-01-05",
            "2024-08-06",
            "2025-01-05",
            "2025-01-06"
        ]
    );
}

#[test]
fn weekday_directions() {
    let monday = Some(date(2025, 1, 6));
    let wd = |weekday, direction| DateExpr::Weekday { weekday, direction }.resolve(monday);
    assert_eq!(
        wd(Weekday::Mon, Direction::Last),
        Some(DateValue::Day(date(2024, 12, 30)))
    );
    assert_eq!(
        wd(Weekday::Mon, Direction::Next),
        Some(DateValue::Day(date(2025, 1, 13)))
    );
    assert_eq!(
        wd(Weekday::Thu, Direction::Recent),
        Some(DateValue::Day(date(2025, 1, 2)))
    );
}

#[test]
fn seed_publication_date_is_inferred_from_the_tweet_and_weekdays() {
    let exprs: Vec<DateExpr> = find_dates(
        "La Russie a déclaré lundi … (@silvano_trotta) January 5, 2025 L’Ukraine a lancé dimanche",
    )
    .into_iter()
    .map(|m| m.expr)
    .collect();
    assert_eq!(infer_publication_date(&exprs), Some(date(2025, 1, 6)));
    assert_eq!(infer_publication_date(&[DateExpr::Relative(-1)]), None);
}

#[test]
fn a_date_is_named_in_the_language_asked_and_written_in_iso() {
    use kiosque_model::ui::Language::{En, Fr};
    assert_eq!(DateValue::Day(date(2025, 1, 6)).name(En), "6 January 2025");
    assert_eq!(
        DateValue::Day(date(2012, 10, 29)).name(Fr),
        "29 octobre 2012"
    );
    assert_eq!(DateValue::Day(date(2024, 8, 1)).name(Fr), "1er août 2024");
    assert_eq!(DateValue::Month(2022, 2).name(Fr), "février 2022");
    assert_eq!(DateValue::Month(2022, 2).name(En), "February 2022");
    assert_eq!(DateValue::Year(2012).name(Fr), "2012");
    assert_eq!(DateValue::Month(2022, 2).iso(), "2022-02");
}

#[test]
fn years_and_months_in_lists_after_event_nouns_and_with_a_direction_are_found() {
    assert_eq!(
        spans("Après 2002, 2003, 2009 et 2010, Serena Williams remporte"),
        ["2002", "2003", "2009", "2010"]
    );
    assert_eq!(spans("won in 2009 and 2010 again"), ["2009", "2010"]);
    assert_eq!(
        spans("la saison 2012 ne reviendra pas, depuis l'édition 2010 de Wimbledon"),
        ["2012", "2010"]
    );
    assert_eq!(spans("in the upcoming 2020 race"), ["2020"]);
    assert_eq!(
        spans("prévu en janvier, février et mars"),
        ["janvier", "février", "mars"]
    );
    assert_eq!(spans("45 000 au mois de mai"), ["mai"]);
    assert_eq!(spans("The month of May and June were hot"), ["May", "June"]);
    assert_eq!(
        spans("late last July, puis en juillet dernier et mars prochain"),
        ["last July", "juillet dernier", "mars prochain"]
    );
    assert_eq!(spans("takes effect next January 1"), ["January 1"]);
    assert_eq!(spans("Entre mars et mai, mi-juin"), ["mars", "mai", "juin"]);
    // Numbers, people, the planet, the verb "may" and a march stay what they are.
    assert!(spans("entre 1500 et 3000 personnes").is_empty());
    assert!(spans("This may be true, and you may go next").is_empty());
    assert!(spans("Mars et Vénus sont visibles").is_empty());
    assert!(
        spans("In March, May asked the EU")
            .iter()
            .all(|s| s != "May")
    );
    assert!(spans("The twins, April and June, and singers June and May Carter").is_empty());
    assert!(spans("Avril, Juin et Paul sont venus").is_empty());
    assert!(spans("this march was the biggest; the next Mars rover").is_empty());
    assert!(spans("This May Be the End; the next May Day parade").is_empty());
    assert!(spans("Le Mars dernier cri de la marque").is_empty());
    assert!(spans("Rooms 1901 and 1902 of the hotel, RTX 2070 and 2080 cards").len() <= 2);
    assert!(spans("Ils ont été 2000 à défiler, cet hiver 1900 sans-abri").is_empty());
    assert!(spans("The campaign 2000 volunteers; Le Printemps 2000 ouvre").is_empty());
}

#[test]
fn a_month_with_a_direction_resolves_before_or_after_the_reference_month() {
    let june = Some(date(2019, 6, 10));
    let month = |month, direction| DateExpr::Month { month, direction }.resolve(june);
    assert_eq!(month(7, Direction::Last), Some(DateValue::Month(2018, 7)));
    assert_eq!(month(5, Direction::Last), Some(DateValue::Month(2019, 5)));
    assert_eq!(month(6, Direction::Last), Some(DateValue::Month(2018, 6)));
    assert_eq!(month(7, Direction::Next), Some(DateValue::Month(2019, 7)));
    assert_eq!(month(3, Direction::Next), Some(DateValue::Month(2020, 3)));
    assert_eq!(
        month(12, Direction::Recent),
        Some(DateValue::Month(2018, 12))
    );
}
