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
    fn one_edit_apart_strings_share_a_deletion() {
        let (a, b) = (deletions("donbass"), deletions("dombass"));
        assert!(a.iter().any(|x| b.contains(x)));
    }
}
