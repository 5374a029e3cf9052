//! Repairs feed debris so that tokens see the words a reader sees.

use std::borrow::Cow;

/// Named HTML entities as real feeds mangle them, with or without the leading
/// `&` (numeric ones are read by `numeric_entity`). Longest first, so
/// `&amp;quot;` is not half-decoded.
const ENTITIES: &[(&str, &str)] = &[
    ("&amp;quot;", "\""),
    ("&amp;amp;", "&"),
    ("&quot;", "\""),
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&apos;", "'"),
    ("&nbsp;", " "),
    // Dashes: a dateline ends with one ("BAGHDAD &mdash; Militants said").
    ("&mdash;", "—"),
    ("&ndash;", "–"),
    ("quot;", "\""),
    ("lt;", "<"),
    ("gt;", ">"),
];

/// Returns `text` with feed debris repaired: HTML entities (also without their
/// `&`, as in "#39;" and "quot;"), `<b>`-style tags, backslashes used as
/// line breaks, and underscores joining two words ("Dol_Amroth", TABARI's way
/// of writing one phrase), which read as spaces. Text that needs no repair is
/// borrowed, not copied.
///
/// ```
/// assert_eq!(parley_text::clean("Iraq#39;s &quot;war&quot;"), "Iraq's \"war\"");
/// assert_eq!(parley_text::clean("plain text"), "plain text");
/// ```
pub fn clean(text: &str) -> Cow<'_, str> {
    let needs = text.bytes().any(|b| matches!(b, b'&' | b'#' | b';' | b'\\' | b'<' | b'_'));
    if !needs {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Text up to `copied` is in `out`; plain runs are copied whole, not char by char.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'&' | b'#' | b'q' | b'l' | b'g' | b'<' | b'\\' | b'_') {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        // "quot;" is debris only where it does not continue a word ("aliquot;" stays).
        let after_letter = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let mut replaced: Option<(&str, usize)> = None;
        if matches!(b, b'&' | b'#') || !after_letter {
            replaced = ENTITIES
                .iter()
                .find(|(entity, _)| rest.starts_with(entity))
                .map(|(entity, replacement)| (*replacement, entity.len()));
        }
        if replaced.is_none() && matches!(b, b'&' | b'#') {
            if let Some((c, len)) = numeric_entity(rest) {
                out.push_str(&text[copied..i]);
                out.push(c);
                i += len;
                copied = i;
                continue;
            }
        }
        if replaced.is_none() && b == b'<' {
            replaced = tag_end(rest).map(|end| ("", end));
        }
        if replaced.is_none()
            && (b == b'\\' || (b == b'_' && after_letter && rest[1..].starts_with(char::is_alphanumeric)))
        {
            replaced = Some((" ", 1));
        }
        match replaced {
            Some((with, len)) => {
                out.push_str(&text[copied..i]);
                out.push_str(with);
                i += len;
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// A numeric HTML entity at the start of `rest`, with or without its `&`
/// ("&#8212;", "#151;", "&#x2014;"), and its length. Numbers 128-159 are
/// read as Windows-1252, as the feeds that write them meant ("#151;" is an em
/// dash, "#146;" an apostrophe); control characters and non-characters are
/// no entity.
fn numeric_entity(rest: &str) -> Option<(char, usize)> {
    let body = rest.strip_prefix('&').unwrap_or(rest).strip_prefix('#')?;
    let (digits, radix) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (body, 10),
    };
    // Looked for within the longest entity's reach, so that text full of '#'
    // costs no more than its length.
    let end = digits.bytes().take(8).position(|b| b == b';')?;
    if end == 0 || end > 6 {
        return None;
    }
    let n = u32::from_str_radix(&digits[..end], radix).ok()?;
    const WINDOWS_1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    let c = match n {
        128..=159 => WINDOWS_1252[n as usize - 128],
        _ => char::from_u32(n)?,
    };
    if c.is_control() && !matches!(c, '\n' | '\t') {
        return None;
    }
    Some((c, rest.len() - digits.len() + end + 1))
}

/// The length of a short HTML tag such as `<b>`, `</a>` or `<br/>`, if `rest`
/// starts with one.
fn tag_end(rest: &str) -> Option<usize> {
    let close = rest[1..].find('>')? + 2;
    let inner = &rest[1..close - 1];
    let name = inner.trim_start_matches('/').trim_end_matches('/');
    let simple = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && close <= 64
        && name.split_whitespace().next()?.chars().all(|c| c.is_ascii_alphanumeric());
    simple.then_some(close)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn decodes_entities_with_and_without_ampersand() {
        assert_eq!(clean("AT&amp;T"), "AT&T");
        assert_eq!(clean("Bush#39;s plan"), "Bush's plan");
        assert_eq!(clean("NAIROBI #8212; Police acted &#8211; again"), "NAIROBI — Police acted – again");
        assert_eq!(clean("a #36;10 million prize"), "a $10 million prize");
        assert_eq!(clean("BAGHDAD #8212; Militants"), "BAGHDAD — Militants");
        assert_eq!(clean("Iraq#146;s army #151; and &#x2014; more &#233;lan"), "Iraq’s army — and — more élan");
        // Not entities: no digits, too long, a control character, no semicolon.
        for plain in ["#;", "#1234567;", "&#7;", "issue #5 of", "&#"] {
            assert_eq!(clean(plain), plain);
        }
        assert_eq!(clean("he said quot;no quot;"), "he said \"no \"");
    }

    #[test]
    fn strips_simple_tags_and_backslash_breaks() {
        assert_eq!(clean("<b>Iraq</b> vote\\delayed"), "Iraq vote delayed");
        assert_eq!(clean("5 < 6 and 7 > 2"), "5 < 6 and 7 > 2");
    }

    #[test]
    fn an_underscore_between_words_is_a_space() {
        assert_eq!(clean("the Prince of Dol_Amroth"), "the Prince of Dol Amroth");
        assert_eq!(clean("_note_ and snake_"), "_note_ and snake_");
    }

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(clean("Nothing to repair."), std::borrow::Cow::Borrowed(_)));
    }
}
