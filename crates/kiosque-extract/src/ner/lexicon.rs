//! Closed word lists of French and English that recognition relies on: function words, the
//! roles that precede a person's name, the head nouns of organisation and place names, and the
//! words that announce a place. Written by hand; general language, not fitted to any article.
//! Every list holds folded forms (lowercase, no accents).

/// Function words: never an entity on their own, stripped from the start of a candidate.
#[rustfmt::skip]
pub const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "ce", "cet", "cette", "ces",
    "mais", "et", "ou", "donc", "or", "ni", "car", "dans", "sur", "sous", "pour", "par", "avec",
    "sans", "selon", "apres", "avant", "depuis", "pendant", "il", "elle", "ils", "elles", "on",
    "nous", "vous", "je", "tu", "en", "a", "au", "aux", "si", "quand", "lorsque", "comme", "alors",
    "ainsi", "puis", "aussi", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos",
    "mon", "ma", "mes", "qui", "que", "quoi", "dont", "tout", "tous", "toute", "toutes",
    "chaque", "plusieurs", "certains", "certaines", "entre", "contre", "vers", "chez", "malgre",
    "parmi", "outre", "lors", "desormais", "enfin", "cependant", "pourtant", "toutefois",
    "neanmoins", "ensuite", "d'apres", "c'est", "voici", "voila", "non", "oui", "qu'", "j'", "n'",
    "s'", "c'", "m'", "t'", "the", "an", "this", "that", "these", "those", "but", "and",
    "in", "at", "for", "with", "without", "by", "from", "to", "of", "he", "she", "it", "they",
    "we", "you", "i", "his", "her", "its", "their", "our", "my", "your", "after", "before",
    "during", "since", "as", "if", "when", "while", "although", "though", "however", "meanwhile",
    "also", "there", "here", "yet", "so", "then", "according", "some", "many", "most", "all",
    "both", "each", "every", "no", "not", "what", "which", "who", "whom", "whose", "where", "why",
    "how", "under", "over", "into", "onto", "upon", "about", "against", "between", "among",
    "despite", "following", "last", "next", "other", "another", "such", "than", "because",
    "whether",
];

/// Words that begin a surname: "de Gaulle", "Le Pen", "von der Leyen", "Van Rompuy", "El
/// Baradei", "bin Laden". After a title, a capitalised one begins the name ("le général De
/// Gaulle"); a mention beginning with one is a surname, not a full name of its own.
#[rustfmt::skip]
pub const SURNAME_PARTICLES: &[&str] = &[
    "de", "du", "des", "le", "la", "von", "van", "der", "den", "da", "di", "del", "della", "dos",
    "das", "ter", "ten", "bin", "ibn", "al", "el", "abu", "abou",
];

/// Roles and titles written before a person's name: "le président Donald Trump".
#[rustfmt::skip]
pub const ROLE_WORDS: &[&str] = &[
    "m.", "mme", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "pr", "sir", "dame",
    "lord", "lady", "president", "presidente", "vice-president", "vice-presidente", "ministre",
    "minister", "secretary", "secretaire", "general", "gen.", "colonel", "col.", "gouverneur",
    "governor", "gov.", "senateur", "senator", "sen.", "depute", "deputee", "rep.",
    "representative", "maire", "mayor", "juge", "judge", "justice", "chancelier", "chanceliere",
    "chancellor", "roi", "king", "reine", "queen", "prince", "princesse", "princess", "pape",
    "pope", "cardinal", "porte-parole", "spokesman", "spokeswoman", "spokesperson", "ambassadeur",
    "ambassadrice", "ambassador", "commissaire", "commissioner", "chef", "leader", "dirigeant",
    "pdg", "ceo", "directeur", "directrice", "director", "coach", "entraineur", "blogueur",
    "blogueuse", "journaliste", "journalist", "reporter", "correspondant", "correspondante",
    "correspondent", "acteur", "actrice", "actor", "actress", "chanteur", "chanteuse", "singer",
    "rapper", "rappeur", "ecrivain", "ecrivaine", "writer", "auteur", "autrice", "author", "avocat",
    "avocate", "lawyer", "attorney", "candidat", "candidate", "analyste", "analyst", "expert",
    "professeur", "professor", "prof.", "economiste", "economist", "footballeur", "joueur",
    "joueuse", "player", "attaquant", "striker", "officier", "officer", "soldat", "soldier",
    "adjoint", "deputy", "commander", "commandant", "lieutenant", "sergeant", "sergent", "captain",
    "capitaine", "admiral", "amiral", "marshal", "marechal", "emperor", "empereur", "sheikh",
    "cheikh", "ayatollah", "imam", "rabbi", "rabbin", "patriarch", "patriarche", "bishop", "eveque",
    "archbishop", "archeveque", "premier", "prime", "chairman", "chairwoman", "chair", "founder",
    "fondateur", "fondatrice", "opposant", "opposante", "dissident", "militant", "militante",
    "activist", "activiste", "chercheur", "chercheuse", "researcher", "scientist", "scientifique",
    "docteur", "doctor", "patron", "patronne", "boss", "head", "chief", "envoy", "envoye",
    "emissaire", "negociateur", "negotiator", "speaker", "presidential", "rival",
    "successor", "successeur", "predecessor", "predecesseur", "madame", "monsieur", "miss",
    "saint-pere", "secretary-general", "secretaire-general", "secretaire-generale", "mp", "mps",
    "mep", "meps", "comrade", "camarade", "cde",
];

/// Head nouns of organisation names: "Ministry of Defence", "Parti socialiste".
#[rustfmt::skip]
pub const ORG_WORDS: &[&str] = &[
    "ministry", "ministere", "department", "agency", "agence", "office", "bureau", "commission",
    "committee", "comite", "council", "conseil", "assembly", "assemblee", "parliament", "parlement",
    "senate", "senat", "congress", "congres", "court", "cour", "tribunal", "party", "parti",
    "union", "league", "ligue", "federation", "association", "foundation", "fondation", "institute",
    "institut", "university", "universite", "college", "school", "ecole", "lycee", "academy",
    "academie", "bank", "banque", "fund", "fonds", "group", "groupe", "company", "compagnie",
    "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "sa", "gmbh", "ag", "plc",
    "airlines", "airways", "motors", "technologies", "systems", "network", "reseau", "press",
    "presse", "news", "times", "post", "journal", "herald", "tribune", "gazette", "radio", "tv",
    "television", "broadcasting", "army", "armee", "navy", "marine", "forces", "force", "guard",
    "garde", "police", "gendarmerie", "brigade", "regiment", "battalion", "bataillon",
    "organisation", "organization", "authority", "autorite", "board", "club", "fc", "hospital",
    "hopital", "clinic", "clinique", "museum", "musee", "church", "eglise", "movement", "mouvement",
    "front", "coalition", "alliance", "centre", "center", "laboratory", "laboratoire",
    "observatory", "observatoire", "programme", "program", "service", "services", "secretariat",
    "directorate", "direction", "cabinet", "government", "gouvernement", "administration",
    "prefecture", "mairie", "municipality", "municipalite", "caucus", "sa.", "holding", "holdings",
    "industries", "group.", "records", "studios", "pictures", "foundation.", "trust", "initiative",
    "council.", "commandement", "command", "investment", "investments", "securities",
    "construction", "forum", "air", "telecom", "gazeta", "gazzetta", "zeitung", "diario",
    "giornale", "corriere", "legislature", "corps",
];

/// Plural head nouns that end an organisation's name only after "of" ("the National
/// Conference of State Legislatures"); alone they are generic ("Civil Society Organisations").
#[rustfmt::skip]
pub const ORG_PLURALS: &[&str] = &[
    "organizations", "organisations", "associations", "federations", "legislatures", "unions",
    "councils", "committees",
];

/// Common nouns just before an organisation's name: "le groupe Wagner", "retailer Tesco".
#[rustfmt::skip]
pub const ORG_CUES: &[&str] = &[
    "company", "firm", "retailer", "carmaker", "automaker", "airline", "carrier", "broadcaster",
    "newspaper", "magazine", "startup", "conglomerate", "manufacturer", "maker", "insurer",
    "publisher", "supermarket", "brewer", "giant", "lender", "bank", "societe", "entreprise",
    "groupe", "compagnie", "constructeur", "operateur", "banque", "assureur", "quotidien",
    "hebdomadaire", "distributeur", "enseigne", "editeur", "fabricant", "firme",
    "multinationale", "geant", "journal", "site", "website", "blog", "portail", "plateforme",
    "platform", "chaine", "channel", "ong", "ngo", "syndicat", "agence", "agency", "institut",
    "label", "hopital", "clinique", "universite", "ecole", "lycee",
];

/// Common nouns just before a named building's name: "la mosquée Sidi Yahia", "the stadium
/// Wembley" — a place, whoever it is named after.
#[rustfmt::skip]
pub const BUILDING_CUES: &[&str] = &[
    "mosquee", "mosque", "synagogue", "cathedrale", "cathedral", "basilique", "basilica",
    "stade", "stadium", "aeroport", "airport", "mausolee", "mausoleum",
];

/// Head nouns and legal forms beside a company's own name ("Salling Group", "Acme Corp"), which
/// an article then leaves out; not "Party", "Union" ("the Republican Party", "Republican
/// voters"), nor "Foundation", mostly named after a person ("the Soros Foundation … Soros
/// said").
#[rustfmt::skip]
pub const COMPANY_HEADS: &[&str] = &[
    "group", "groupe", "company", "compagnie", "corporation", "corp", "corp.", "inc", "inc.",
    "ltd", "ltd.", "llc", "gmbh", "ag", "plc", "airlines", "airways", "motors", "technologies",
    "holding", "holdings",
];

/// Of a two-word organisation name (folded words), which word is the company's own name: the
/// one beside a head noun or legal form of [`COMPANY_HEADS`], itself no organisation word
/// ("salling" of "salling group", "casino" of "groupe casino"). Recognition and linking both
/// read short names through it.
pub fn company_own_name(words: [&str; 2]) -> Option<usize> {
    let own = match (
        contains(COMPANY_HEADS, words[0]),
        contains(COMPANY_HEADS, words[1]),
    ) {
        (false, true) => 0,
        (true, false) => 1,
        _ => return None,
    };
    (!contains(ORG_WORDS, words[own])).then_some(own)
}

/// The legal forms among [`ORG_WORDS`], which end a company's name ("Siemens AG", "Acme Inc.").
pub const LEGAL_FORMS: &[&str] = &[
    "inc", "inc.", "ltd", "ltd.", "llc", "sa", "gmbh", "ag", "plc", "corp", "corp.",
];

/// A word for what a person is or does: one of [`ROLE_WORDS`], or a scientist's trade by its
/// ending ("Ecologist Ryan Norris", "l'épidémiologiste", "le politologue").
pub fn is_role_word(folded: &str) -> bool {
    contains(ROLE_WORDS, folded)
        || [
            "ologist",
            "ologists",
            "ologiste",
            "ologistes",
            "ologue",
            "ologues",
        ]
        .iter()
        .any(|s| folded.len() > s.len() + 1 && folded.ends_with(s))
}

/// Religions and doctrines, which the guidelines leave unmarked: "converted to Islam",
/// "Buddhism", "le Judaïsme", and any "-ism" or "-isme" word standing alone ("Marxism",
/// "le Gaullisme"); never a name that the knowledge holds.
pub fn is_belief(folded: &str) -> bool {
    contains(BELIEFS, folded) || has_suffix(folded, &["ism", "isms", "isme", "ismes"])
}

/// Religions whose names do not end in "-ism" ([`is_belief`]).
#[rustfmt::skip]
const BELIEFS: &[&str] = &[
    "islam", "christianity", "chretiente", "christendom", "shinto", "orthodoxy", "orthodoxie",
    "sunnism", "shiism", "chiisme", "sunnisme",
];

/// Nouns and adverbs whose complement with "de" or "of" is mostly a place: "près de Figeac",
/// "la maternité de Figeac", "le maire de Kherson", "the outskirts of Kyiv". An unknown name
/// after "de" or "of" is guessed a place only after one of them.
#[rustfmt::skip]
pub const PLACE_BOUND: &[&str] = &[
    // French
    "pres", "loin", "proximite", "environs", "alentours", "abords", "nord", "sud", "est",
    "ouest", "centre", "coeur", "peripherie", "banlieue", "faubourg", "sortie", "entree",
    "portes", "region", "ville", "commune", "village", "bourg", "departement", "province",
    "canton", "arrondissement", "quartier", "agglomeration", "metropole", "capitale", "maire",
    "mairie", "prefecture", "prefet", "habitants", "habitant", "habitante", "habitantes",
    "originaire", "originaires", "natif", "native", "hopital", "maternite", "clinique", "gare",
    "aeroport", "port", "tribunal", "prison", "stade", "eveque", "diocese", "cathedrale",
    "eglise", "chateau", "pont", "lac", "foret", "plage", "baie", "cote", "large", "route",
    "rue", "marche", "bataille", "siege", "liberation", "depart", "arrivee", "provenance",
    "direction", "vallee", "massif", "plaine", "territoire", "frontiere", "ambassade",
    "consulat", "musee", "gouverneur", "depute", "deputee", "depute-maire", "senateur",
    "circonscription", "raffinerie", "usine", "centrale", "base", "grotte", "ile", "iles",
    "prise", "capture", "chute", "reprise", "observatoire",
    // English
    "outskirts", "suburbs", "suburb", "north", "south", "east", "west", "northeast", "northwest",
    "southeast", "southwest", "center", "heart", "mayor", "governor", "residents", "resident",
    "citizens", "natives", "streets", "capital", "city", "town", "county",
    "state", "battle", "coast", "shores", "outside",
    "bishop", "archbishop", "embassy", "consulate", "airport", "harbour", "harbor", "observatory",
];

/// Heads of names of events, laws, prizes and books, which are not entities under the guidelines.
#[rustfmt::skip]
pub const EVENT_WORDS: &[&str] = &[
    "act", "acts", "law", "loi", "bill", "election", "elections", "election.", "cup", "coupe",
    "championship", "championships", "championnat", "championnats", "games", "jeux", "olympics",
    "war", "guerre", "prize", "prix", "award", "awards", "festival", "tournament", "tournoi",
    "hoax", "crisis", "crise", "affair", "affaire", "scandal", "scandale", "pandemic", "pandemie",
    "chelem", "slam", "open", "trophy", "trophee", "expo", "exposition", "summit", "sommet",
    "conference", "olympiad", "marathon", "referendum", "treaty", "traite", "accord", "accords",
    "agreement", "protocol", "protocole", "doctrine", "plan", "reform", "reforme", "revolution",
    "bible", "globe", "globes",
];

/// Acronyms of things, units and codes, not organisations ("UTC", "COVID", "PIB").
#[rustfmt::skip]
pub const NOT_ENTITY_ACRONYMS: &[&str] = &[
    "utc", "gmt", "cet", "cest", "est", "edt", "pst", "pdt", "bst", "msk", "covid", "covid-19",
    "sars", "sars-cov", "sars-cov-2", "hiv", "vih", "sida", "aids", "dna", "adn", "rna", "arn",
    "gdp", "pib", "ogm", "gmo", "ong", "ngo", "gps", "dvd", "cd", "usb", "hd", "tv", "tva", "vat",
    "cv", "avc", "pc", "sms", "mms", "pdf", "html", "url", "ceo", "pdg", "cfo", "coo", "cto",
    "smic", "rsa", "cdi", "cdd", "pme", "tpe", "eti", "am", "pm", "a.m.", "p.m.", "ok", "ko", "qi",
    "iq", "hlm", "suv", "vtc", "btp", "ia", "ai", "it", "ip", "id", "mp3", "4g", "5g", "lgbt",
    "lgbtq", "ivg", "pma", "gpa", "rtt", "ttc", "ht", "km", "kg", "mw", "gw", "kwh", "mwh", "ppm",
    "ppb", "rer", "tgv", "ter", "tnt", "vod", "faq", "isbn", "issn", "wc", "vip", "dj", "mc", "ps",
    "nb", "d.c.", "dc", "u.s.a.", "pps", "ko.", "jo", "gev", "tev", "mev", "ev", "rh", "drh", "qr",
    "bbq", "diy", "fyi", "aka", "asap", "rip", "sos", "ufo", "ovni", "ss", "mph", "hp", "cv.",
];

/// Compass points, capitalised for regions ("l’Est de l’Ukraine") but no names on their own.
#[rustfmt::skip]
pub const COMPASS_WORDS: &[&str] = &[
    "nord", "sud", "est", "ouest", "north", "south", "east", "west", "centre", "center", "midi",
    "orient", "occident", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "northeast",
    "northwest", "southeast", "southwest",
];

/// Head nouns of place names: "Kursk Oblast", "mer Noire", "Euphrates River".
#[rustfmt::skip]
pub const PLACE_WORDS: &[&str] = &[
    "oblast", "province", "island", "islands", "ile", "iles", "isle", "river", "riviere", "fleuve",
    "mount", "mont", "mountains", "monts", "lake", "lac", "sea", "mer", "ocean", "gulf", "golfe",
    "bay", "baie", "valley", "vallee", "street", "rue", "avenue", "boulevard", "road", "square",
    "airport", "aeroport", "cathedral", "cathedrale", "bridge", "pont", "station", "gare", "palace",
    "palais", "castle", "chateau", "tower", "park", "parc", "beach", "plage", "desert", "canal",
    "strait", "detroit", "county", "comte", "district", "region", "peninsula", "peninsule", "coast",
    "cote", "cape", "cap", "harbour", "harbor", "stadium", "stade", "arena", "plaza", "quarter",
    "quartier", "heights", "hills", "forest", "foret", "glacier", "volcano", "volcan", "basin",
    "bassin", "delta", "plain", "plaine", "plateau", "city", "town", "village", "krai", "krai.",
    "raion", "governorate", "gouvernorat", "republic", "republique", "kingdom", "royaume",
    "emirates", "emirats", "territory", "territoire", "territories", "territoires", "canton",
    "commune", "departement", "borough", "arrondissement", "avenue.", "place", "memorial",
    "monument", "bande",
];

/// Words that count what a number before them counts ("5 millions", "24 people", "2 buts"):
/// after a known name ending with a number ("France 24", "Europe 1"), the number is a quantity
/// and the name is the shorter one ("En France 3 millions de logements").
#[rustfmt::skip]
pub const QUANTITY_WORDS: &[&str] = &[
    "million", "millions", "milliard", "milliards", "billion", "billions", "trillion", "mille",
    "thousand", "thousands", "hundred", "hundreds", "dozen", "personne", "personnes", "people",
    "persons", "habitants", "residents", "morts", "dead", "deaths", "victimes", "victims",
    "blesses", "injured", "heures", "jours", "days", "semaines", "weeks", "mois", "months", "ans",
    "annees", "years", "buts", "goals", "percent", "fois", "euros", "dollars", "km", "kilometres",
    "miles", "enfants", "children", "adultes", "adults", "hommes", "men", "femmes", "women",
    "postes", "jobs", "emplois", "logements", "homes", "eleves", "students", "soldats",
    "soldiers", "medailles", "medals", "milliers", "centaines", "dizaines", "tonnes", "tons",
    "entreprises", "companies", "regions", "departements", "communes", "villes", "towns",
    "candidats", "candidates", "pays", "countries", "menages", "households",
];

/// Words just before a name that suggest a place: "à Kourakhove", "in Aleppo".
#[rustfmt::skip]
pub const PLACE_CUES: &[&str] = &[
    "a", "au", "aux", "en", "dans", "pres", "vers", "in", "at", "near", "into", "across", "outside",
    "inside", "throughout", "toward", "towards", "via", "ville", "village", "region", "province",
    "capitale", "capital", "city", "town", "sud", "nord", "est", "ouest", "north", "south", "east",
    "west", "banlieue", "suburb", "frontiere", "border", "oblast",
];

/// Places that a preposition alone does not make ("en" is also a pronoun, "at" precedes firms):
/// these cues count only with a name not otherwise known as a person.
pub fn is_place_cue(folded: &str) -> bool {
    PLACE_CUES.contains(&folded)
}

/// Suffixes of nationality words ("Ukrainiens", "Syrian", "Français") that are not names.
#[rustfmt::skip]
pub const DEMONYM_SUFFIXES: &[&str] = &[
    "ien", "iens", "ienne", "iennes", "ian", "ians", "ean", "eans", "een", "eens", "eenne",
    "eennes", "ais", "aise", "aises", "ain", "ains", "aine", "aines", "ois", "oise", "oises", "ese",
    "ish", "ais.", "ite", "ites", "i", "is", "ic", "ique", "iques", "an", "ans", "e", "es",
];

/// The endings of [`DEMONYM_SUFFIXES`] that few common nouns have ("Camerounais", "Malien",
/// "Britannique"; not the "e" of "Gazette").
#[rustfmt::skip]
pub const NATIONALITY_SUFFIXES: &[&str] = &[
    "ien", "iens", "ienne", "iennes", "ian", "ians", "ean", "eans", "een", "eens", "eenne",
    "eennes", "ais", "aise", "aises", "ain", "ains", "aine", "aines", "ois", "oise", "oises", "ese",
    "ique", "iques",
];

/// Endings of French adjectives that follow the head noun of an organisation's name.
#[rustfmt::skip]
pub const ADJECTIVE_SUFFIXES: &[&str] = &[
    "aire", "aires", "ais", "aise", "ain", "aine", "al", "ale", "aux", "el", "elle", "ien", "ienne",
    "ique", "iques", "iste", "istes", "ois", "oise", "if", "ive", "een", "eenne", "eur", "ieur",
    "ieure", "ere", "eres",
];

/// Short French adjectives common in organisation names.
#[rustfmt::skip]
pub const SHORT_ADJECTIVES: &[&str] = &[
    "libre", "rouge", "vert", "verte", "verts", "noir", "blanc", "unie", "unies", "uni", "supreme",
    "central", "centrale", "general", "generale", "federal", "federale", "islamique", "arabe",
    "belge", "suisse", "russe", "mixte",
];

/// Suffixes that make an unknown single name more likely a place (Slavic, Germanic, Persian).
#[rustfmt::skip]
pub const PLACE_SUFFIXES: &[&str] = &[
    "sk", "ske", "ovo", "evo", "ove", "ivka", "ivske", "ivsk", "grad", "gorod", "burg", "bourg",
    "ville", "stan", "abad", "pur", "pour", "polis", "pol", "shire", "land", "ia", "ie",
];

/// Verbs of saying that follow a speaker's name: "Podoliaka a déclaré", "Smith said".
#[rustfmt::skip]
pub const SAYING_VERBS: &[&str] = &[
    "said", "says", "told", "added", "stated", "wrote", "tweeted", "explained", "announced",
    "declared", "insisted", "argued", "claimed", "warned", "asked", "replied", "responded",
    "confirmed", "denied", "admitted", "declare", "dit", "affirme", "explique", "ajoute", "estime",
    "precise", "souligne", "indique", "annonce", "assure", "raconte", "ecrit", "confie", "reconnait",
    "rappelle", "poursuit", "insiste", "denonce", "repond", "temoigne", "martele", "tweete",
];

/// Auxiliaries between a speaker's name and a verb of saying: "a déclaré", "has said".
#[rustfmt::skip]
pub const AUXILIARIES: &[&str] = &["a", "avait", "aurait", "has", "had", "have", "would", "will", "also", "aussi"];

/// Words before the title of a work or the name of a product, which is no entity: "le film
/// Skyfall", "the novel Dune", "le système Galileo", "l'opération Barkhane".
#[rustfmt::skip]
pub const WORK_CUES: &[&str] = &[
    "film", "films", "movie", "movies", "roman", "romans", "novel", "novels", "album", "albums",
    "serie", "series", "saga", "livre", "livres", "book", "books", "opera", "chanson", "chansons",
    "song", "songs", "single", "documentaire", "documentary", "piece", "play", "tableau",
    "painting", "jeu", "videogame", "sitcom", "feuilleton", "telefilm", "blockbuster",
    // Products, programmes and operations, which are no entities either.
    "systeme", "system", "programme", "program", "logiciel", "software", "application", "appli",
    "app", "navigateur", "browser", "smartphone", "satellite", "satellites", "fusee", "rocket",
    "vaccin", "vaccine", "medicament", "drug", "operation", "mission", "distribution",
];

/// Verbs of naming before a name in quotes: "baptisé « Quantal Quetzal »", "dubbed “…”".
#[rustfmt::skip]
pub const NAMING_WORDS: &[&str] = &[
    "baptise", "baptisee", "baptises", "baptisees", "surnomme", "surnommee", "surnommes",
    "surnommees", "dubbed", "nicknamed", "codenamed", "code-named", "intitule", "intitulee",
    "titled", "entitled",
];

/// Countries' names in their own languages where the French and English ones differ (folded):
/// the gazetteers name countries in French and English, but institutions abroad carry the
/// local name ("Wikimedia Deutschland", "Amnesty International España").
#[rustfmt::skip]
pub const COUNTRY_ENDONYMS: &[&str] = &[
    "deutschland", "espana", "italia", "polska", "nederland", "schweiz", "svizzera", "osterreich",
    "sverige", "norge", "danmark", "suomi", "hellas", "magyarorszag", "cesko", "hrvatska",
    "srbija", "slovensko", "slovenija", "romania", "belgie", "brasil", "eire", "cymru", "nippon",
    "rossiya", "ukraina", "turkiye", "bharat", "misr", "lietuva", "latvija", "eesti",
];

/// Whether `folded` is in `list`.
pub fn contains(list: &[&str], folded: &str) -> bool {
    list.contains(&folded)
}

/// Whether `folded` ends with one of `suffixes` and is longer than it by at least three letters.
pub fn has_suffix(folded: &str, suffixes: &[&str]) -> bool {
    suffixes
        .iter()
        .any(|s| folded.len() >= s.len() + 3 && folded.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: &[(&str, &[&str])] = &[
        ("FUNCTION_WORDS", FUNCTION_WORDS),
        ("ROLE_WORDS", ROLE_WORDS),
        ("ORG_WORDS", ORG_WORDS),
        ("EVENT_WORDS", EVENT_WORDS),
        ("NOT_ENTITY_ACRONYMS", NOT_ENTITY_ACRONYMS),
        ("COMPASS_WORDS", COMPASS_WORDS),
        ("PLACE_WORDS", PLACE_WORDS),
        ("PLACE_CUES", PLACE_CUES),
        ("DEMONYM_SUFFIXES", DEMONYM_SUFFIXES),
        ("NATIONALITY_SUFFIXES", NATIONALITY_SUFFIXES),
        ("ADJECTIVE_SUFFIXES", ADJECTIVE_SUFFIXES),
        ("SHORT_ADJECTIVES", SHORT_ADJECTIVES),
        ("PLACE_SUFFIXES", PLACE_SUFFIXES),
        ("SAYING_VERBS", SAYING_VERBS),
        ("AUXILIARIES", AUXILIARIES),
        ("WORK_CUES", WORK_CUES),
        ("NAMING_WORDS", NAMING_WORDS),
        ("COUNTRY_ENDONYMS", COUNTRY_ENDONYMS),
        ("ORG_CUES", ORG_CUES),
        ("BUILDING_CUES", BUILDING_CUES),
        ("COMPANY_HEADS", COMPANY_HEADS),
        ("PLACE_BOUND", PLACE_BOUND),
    ];

    #[test]
    fn the_lists_hold_each_word_once_and_folded() {
        for &(name, list) in LISTS {
            let mut seen = std::collections::HashSet::new();
            for &word in list {
                assert!(seen.insert(word), "{name} holds {word:?} twice");
                assert_eq!(
                    kiosque_model::text::fold(word),
                    word,
                    "{name}: {word:?} is not folded"
                );
            }
        }
    }

    #[test]
    fn the_lists_do_not_contradict_each_other() {
        // A word cannot head both an organisation and a place, nor an entity and an event
        // (which is no entity), nor be both a role before a person and a word before a work.
        let pairs: &[(&[&str], &[&str])] = &[
            (ORG_WORDS, PLACE_WORDS),
            (ORG_WORDS, EVENT_WORDS),
            (PLACE_WORDS, EVENT_WORDS),
            (ROLE_WORDS, ORG_WORDS),
            (ROLE_WORDS, WORK_CUES),
            (SAYING_VERBS, ROLE_WORDS),
            (ORG_CUES, ROLE_WORDS),
            (ORG_CUES, PLACE_CUES),
            (BUILDING_CUES, ROLE_WORDS),
        ];
        for &(a, b) in pairs {
            for word in a {
                assert!(
                    !b.contains(word),
                    "{word:?} is in two lists that contradict"
                );
            }
        }
    }
}
