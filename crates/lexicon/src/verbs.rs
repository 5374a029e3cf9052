//! Regular English verb inflection, so `verbs.txt` lists only the irregular.

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// One-syllable verbs ending consonant-vowel-consonant double their last
/// letter ("ban" -> "banned", "stop" -> "stopping"); w, x and y never double.
fn doubles(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let syllables = b.windows(2).filter(|w| is_vowel(w[0]) && !is_vowel(w[1])).count()
        + usize::from(is_vowel(b[n - 1]));
    syllables == 1
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// The lemma and its regular inflections: third person, past, gerund.
///
/// ```
/// use parley_lexicon::inflections;
/// assert_eq!(inflections("accuse"), ["accuse", "accuses", "accused", "accusing"]);
/// assert_eq!(inflections("deny"), ["deny", "denies", "denied", "denying"]);
/// assert_eq!(inflections("ban"), ["ban", "bans", "banned", "banning"]);
/// assert_eq!(inflections("attack"), ["attack", "attacks", "attacked", "attacking"]);
/// ```
pub fn inflections(lemma: &str) -> Vec<String> {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let before_last = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    let third = if lemma.ends_with("ss") || lemma.ends_with('x') || lemma.ends_with("ch") || lemma.ends_with("sh")
        || lemma.ends_with('z') || lemma.ends_with('o') || (last == b's' && !is_vowel(before_last))
    {
        format!("{lemma}es")
    } else if last == b'y' && !is_vowel(before_last) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let stem = if doubles(lemma) { format!("{lemma}{}", last as char) } else { lemma.to_string() };
    let past = if last == b'e' {
        format!("{lemma}d")
    } else if last == b'y' && !is_vowel(before_last) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{stem}ed")
    };
    let gerund = if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if last == b'e' && !matches!(before_last, b'e' | b'y' | b'o') && lemma.len() > 2 {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{stem}ing")
    };
    vec![lemma.to_string(), third, past, gerund]
}

#[cfg(test)]
mod tests {
    use super::inflections;

    #[test]
    fn regular_forms() {
        assert_eq!(inflections("reach"), ["reach", "reaches", "reached", "reaching"]);
        assert_eq!(inflections("stop"), ["stop", "stops", "stopped", "stopping"]);
        assert_eq!(inflections("visit"), ["visit", "visits", "visited", "visiting"]);
        assert_eq!(inflections("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(inflections("tie"), ["tie", "ties", "tied", "tying"]);
        assert_eq!(inflections("veto"), ["veto", "vetoes", "vetoed", "vetoing"]);
        assert_eq!(inflections("harass"), ["harass", "harasses", "harassed", "harassing"]);
        assert_eq!(inflections("obey"), ["obey", "obeys", "obeyed", "obeying"]);
    }
}
