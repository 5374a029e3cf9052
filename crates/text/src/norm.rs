//! [`Norm`]: a token's lower-cased form, shared by the tokens that have it.
//!
//! A 15 MB report has about 3 million tokens but only some tens of thousands
//! of distinct words. With a `String` each, a token was 48 bytes plus a heap
//! block of its own (three million small allocations, a third of the coder's
//! peak memory on such a report). A `Norm` is one pointer: the tokens of a
//! long text that read the same share one block (a short text's tokens have
//! a block each: see [`Tokenizer`](crate::Tokenizer)), so a token is 32 bytes
//! and most allocate nothing of their own. It reads as a `str`
//! (`Deref`), compares with `&str` and `String`, and hashes as its text.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A token's lower-cased form: an immutable, cheaply cloned string that reads
/// as a `&str`. Clones share the text (the `Box<str>` inside keeps the handle
/// one pointer wide, where an `Arc<str>` would be two).
#[derive(Clone)]
pub struct Norm(Arc<Box<str>>);

impl Norm {
    /// A norm holding `text` (no lower-casing: the tokenizer makes norms).
    pub fn new(text: &str) -> Norm {
        Norm(Arc::new(text.into()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` is this very norm (the same text in the same block).
    pub fn shares(&self, other: &Norm) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Norm {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Norm {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Lets a set of norms be searched with a `&str` (the tokenizer's interning).
impl Borrow<str> for Norm {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Norm {
    fn from(text: &str) -> Norm {
        Norm::new(text)
    }
}

impl From<String> for Norm {
    fn from(text: String) -> Norm {
        Norm(Arc::new(text.into_boxed_str()))
    }
}

impl From<Norm> for String {
    fn from(norm: Norm) -> String {
        norm.as_str().to_string()
    }
}

impl fmt::Debug for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq for Norm {
    fn eq(&self, other: &Norm) -> bool {
        self.shares(other) || self.as_str() == other.as_str()
    }
}

impl Eq for Norm {}

/// As its text, so that `Borrow<str>` holds its promise.
impl Hash for Norm {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialOrd for Norm {
    fn partial_cmp(&self, other: &Norm) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Norm {
    fn cmp(&self, other: &Norm) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Norm {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Norm> for $t {
            fn eq(&self, other: &Norm) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
eq_with!(str, &str, String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_compares_as_its_text() {
        let n = Norm::new("said");
        assert_eq!(n, "said");
        assert_eq!("said", n);
        assert_eq!(n, String::from("said"));
        assert_eq!(n.as_str(), "said");
        assert!(n.starts_with("sa") && n.len() == 4);
        assert_eq!(format!("{n} {n:?}"), "said \"said\"");
        let set: std::collections::HashSet<Norm> = [n.clone()].into();
        assert!(set.contains("said"));
        assert!(Norm::new("a") < Norm::new("b"));
    }

    #[test]
    fn is_one_pointer() {
        assert_eq!(std::mem::size_of::<Norm>(), std::mem::size_of::<usize>());
    }
}
