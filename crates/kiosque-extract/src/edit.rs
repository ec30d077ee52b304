//! Edit distance one: the test for near-typos ("Dombass" for "Donbass").

/// Every string made by deleting one character, and the string itself. Two strings one edit
/// apart always share one of these, which makes near-typo lookups a hash lookup.
pub fn deletions(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = vec![s.to_owned()];
    for i in 0..chars.len() {
        out.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
    }
    out
}

/// Whether one substitution, insertion, deletion or swap of neighbours turns `a` into `b`.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (da, db) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
    match (da, db) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix],
        _ => false,
    }
}

/// Whether `a` and `b` are one *plausible* typing or transliteration slip apart: a swap of
/// neighbours; a vowel, or a letter next to its double, added or dropped ("Vladmir",
/// "Donbas"); or a substitution between letters people confuse ("m"/"n", "i"/"y", vowels).
/// "Corée"/"Corse" or "Colorado"/"ColorADD" are one edit apart but not such slips.
pub fn plausible_typo(a: &str, b: &str) -> bool {
    if !one_edit_apart(a, b) {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let vowel = |c: char| "aeiouy".contains(c);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            let (x, y) = (a[prefix], b[prefix]);
            let swapped = a.get(prefix + 1) == Some(&y) && b.get(prefix + 1) == Some(&x);
            const CONFUSED: [(char, char); 9] = [
                ('m', 'n'),
                ('i', 'y'),
                ('c', 'k'),
                ('s', 'z'),
                ('c', 's'),
                ('i', 'j'),
                ('u', 'v'),
                ('b', 'p'),
                ('d', 't'),
            ];
            swapped
                || (vowel(x) && vowel(y))
                || CONFUSED
                    .iter()
                    .any(|&(p, q)| (p, q) == (x, y) || (q, p) == (x, y))
        }
        _ => {
            let (long, _) = if a.len() > b.len() {
                (&a, &b)
            } else {
                (&b, &a)
            };
            let c = long[prefix];
            let doubled = (prefix > 0 && long[prefix - 1] == c) || long.get(prefix + 1) == Some(&c);
            vowel(c) || doubled
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(one_edit_apart("donbass", "dombass"));
        assert!(one_edit_apart("kursk", "kusrk"));
        assert!(one_edit_apart("kursk", "kurskk"));
        assert!(!one_edit_apart("austria", "australia"));
        assert!(!one_edit_apart("same", "same"));
    }

    #[test]
    fn only_plausible_slips_count_as_typos() {
        assert!(plausible_typo("donbass", "dombass"));
        assert!(plausible_typo("vladimir", "vladmir"));
        assert!(plausible_typo("donbass", "donbas"));
        assert!(plausible_typo("kharkov", "kharkiv"));
        assert!(!plausible_typo("coree du sud", "corse du sud"));
        assert!(!plausible_typo("colorado", "coloradd"));
        assert!(!plausible_typo("austria", "australia"));
    }

    #[test]
    fn one_edit_apart_strings_share_a_deletion() {
        let (a, b) = (deletions("donbass"), deletions("dombass"));
        assert!(a.iter().any(|x| b.contains(x)));
    }
}
