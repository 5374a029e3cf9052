//! Actor codes, CAMEO's blocks of three letters, read into their parts.
//!
//! A CAMEO code says who an actor is in its first block and what it is in the
//! next: `RUSMIL` is Russia's military, `USAGOVLEG` the United States'
//! government (its legislature), `---GOV` a government of no known country.
//! International actors put their type first, `IGO`, `NGO`, `IMG` or `MNC`,
//! and belong to no country: `IGOUNO` is the known group `UNO` (the United
//! Nations) of type `IGO`, as GDELT's and PETRARCH's readers take it. Actors no
//! dictionary holds get parley's provisional codes: `X-<NAME>-<ROLE>` for a
//! named group (`X-REVOLUTIONARY-FRONT-REB`) or a provisional country's agent
//! (`X-VALDORIA-MIL`), and `X-<NAME>` for a provisional country itself
//! (`X-VALDORIA`).

use crate::Role;
use std::fmt;
use std::str::FromStr;

/// An actor code, checked and read: its country, its role, whether parley
/// made it up. It writes itself back exactly as it was read.
///
/// ```
/// use parley_actors::{ActorCode, Role};
/// let army: ActorCode = "RUSMIL".parse().unwrap();
/// assert_eq!((army.country(), army.role()), (Some("RUS"), Some(Role::MIL)));
/// let un: ActorCode = "IGOUNO".parse().unwrap();
/// assert_eq!((un.country(), un.role(), un.known_group()), (None, Some(Role::IGO), Some("UNO")));
/// let rebels: ActorCode = "X-REVOLUTIONARY-FRONT-REB".parse().unwrap();
/// assert_eq!((rebels.country(), rebels.role()), (None, Some(Role::REB)));
/// assert_eq!(rebels.to_string(), "X-REVOLUTIONARY-FRONT-REB");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActorCode {
    code: String,
    holder: Holder,
}

/// Whom the first block of a code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Holder {
    /// A state or a CAMEO region: `RUS`, `EUR`.
    Country,
    /// An international actor's type: `IGO`, `NGO`, `IMG`, `MNC`.
    International,
    /// `---`: the country is not known.
    Unknown,
    /// `X-`: a name parley gave, with a role after its last `-` or none.
    Provisional { role: bool },
}

/// Why a string is no actor code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseActorCodeError(String);

impl fmt::Display for ParseActorCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is no actor code: CAMEO codes are blocks of upper-case letters, parley's provisional ones start with X-", self.0)
    }
}

impl std::error::Error for ParseActorCodeError {}

/// Whether `block` reads as a role: three upper-case letters.
fn is_role(block: &str) -> bool {
    block.len() == 3 && block.bytes().all(|b| b.is_ascii_uppercase())
}

impl FromStr for ActorCode {
    type Err = ParseActorCodeError;

    /// Reads a code. CAMEO codes are a first block of three upper-case letters
    /// or `---`, then upper-case letters and digits (Phoenix's religion codes
    /// hold digits); provisional codes are `X-` and a name without spaces,
    /// perhaps ending in `-` and a role. Anything else, lower case included, is an error: the
    /// readers of codes downstream know only upper case.
    ///
    /// ```
    /// use parley_actors::ActorCode;
    /// assert!("NGOCHRPRO214".parse::<ActorCode>().is_ok());
    /// for bad in ["", "US", "usagov", "G77", "X-", "RUS GOV"] {
    ///     assert!(bad.parse::<ActorCode>().is_err(), "{bad}");
    /// }
    /// ```
    fn from_str(code: &str) -> Result<ActorCode, ParseActorCodeError> {
        let error = || ParseActorCodeError(code.to_string());
        let holder = if let Some(name) = code.strip_prefix("X-") {
            // Names keep the letters they were written with ("X-CÔTE-FRONT-REB").
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(error());
            }
            // A role needs a name before it: "X-ARN" is a country called Arn.
            let role = name.rsplit_once('-').is_some_and(|(_, last)| is_role(last));
            Holder::Provisional { role }
        } else {
            let first = code.get(..3).ok_or_else(error)?;
            let rest_ok = code[3..].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            let holder = match first {
                "---" => Holder::Unknown,
                _ if first.parse::<Role>().is_ok_and(Role::is_international) => Holder::International,
                _ if is_role(first) => Holder::Country,
                _ => return Err(error()),
            };
            if !rest_ok {
                return Err(error());
            }
            holder
        };
        Ok(ActorCode { code: code.to_string(), holder })
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl ActorCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The country the code names: the first block of a state's code (or a
    /// CAMEO region's, `EUR`), or a provisional country's whole code. None for
    /// international actors, for `---` and for provisional codes with a role,
    /// which do not say whether their name is a state's (`X-VALDORIA-MIL`) or
    /// a group's (`X-REVOLUTIONARY-FRONT-REB`): the mention that made them does.
    ///
    /// ```
    /// use parley_actors::ActorCode;
    /// let country = |c: &str| c.parse::<ActorCode>().unwrap().country().map(str::to_string);
    /// assert_eq!(country("USAGOVLEG").as_deref(), Some("USA"));
    /// assert_eq!(country("X-VALDORIA").as_deref(), Some("X-VALDORIA"));
    /// assert_eq!(country("X-VALDORIA-MIL"), None);
    /// assert_eq!(country("NGOHRIAMN"), None);
    /// assert_eq!(country("---GOV"), None);
    /// ```
    pub fn country(&self) -> Option<&str> {
        match self.holder {
            Holder::Country => Some(&self.code[..3]),
            Holder::Provisional { role: false } => Some(&self.code),
            _ => None,
        }
    }

    /// What the actor is: the block after its country (`GOV` of `USAGOVLEG`,
    /// of `---GOV`), an international actor's type (`IGO` of `IGOUNOSEC`), a
    /// provisional code's last block (`REB` of `X-REVOLUTIONARY-FRONT-REB`).
    /// None for a country alone (`RUS`, `X-VALDORIA`, `---`).
    ///
    /// ```
    /// use parley_actors::ActorCode;
    /// let role = |c: &str| c.parse::<ActorCode>().unwrap().role().map(|r| r.to_string());
    /// assert_eq!(role("USAGOVLEG").as_deref(), Some("GOV"));
    /// assert_eq!(role("---GOV").as_deref(), Some("GOV"));
    /// assert_eq!(role("IMGREB").as_deref(), Some("IMG"));
    /// assert_eq!(role("X-COUNTRY-X-GOV").as_deref(), Some("GOV"));
    /// assert_eq!(role("X-COUNTRY-X"), None);
    /// assert_eq!(role("RUS"), None);
    /// assert_eq!(role("---"), None);
    /// ```
    pub fn role(&self) -> Option<Role> {
        let block = match self.holder {
            Holder::International => Some(&self.code[..3]),
            Holder::Country | Holder::Unknown => self.code.get(3..6),
            Holder::Provisional { role: true } => Some(&self.code[self.code.len() - 3..]),
            Holder::Provisional { role: false } => None,
        };
        // Reading the code checked that these letters make a role.
        block.and_then(|b| b.parse().ok())
    }

    /// The organisation an international code names after its type: `UNO` of
    /// `IGOUNO`, `UNOSEC` of `IGOUNOSEC`; None for a bare type and for
    /// every other code.
    pub fn known_group(&self) -> Option<&str> {
        (self.holder == Holder::International && self.code.len() > 3).then(|| &self.code[3..])
    }

    /// Whether parley made the code up for an actor no dictionary holds.
    pub fn is_provisional(&self) -> bool {
        matches!(self.holder, Holder::Provisional { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::ActorCode;

    fn read(code: &str) -> (Option<String>, Option<String>) {
        let c: ActorCode = code.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.to_string(), code, "written back as read");
        (c.country().map(str::to_string), c.role().map(|r| r.to_string()))
    }

    fn parts(country: Option<&str>, role: Option<&str>) -> (Option<String>, Option<String>) {
        (country.map(str::to_string), role.map(str::to_string))
    }

    #[test]
    fn a_state_code_is_its_country_then_its_agents() {
        assert_eq!(read("RUS"), parts(Some("RUS"), None));
        assert_eq!(read("RUSMIL"), parts(Some("RUS"), Some("MIL")));
        assert_eq!(read("USAGOVLEG"), parts(Some("USA"), Some("GOV")));
    }

    #[test]
    fn an_international_code_has_no_country_and_its_type_for_role() {
        for (code, role) in [("IGOUNO", "IGO"), ("IGOUNOSEC", "IGO"), ("NGOHRIAMN", "NGO"), ("IMGREB", "IMG"), ("MNCUSA", "MNC")] {
            assert_eq!(read(code), parts(None, Some(role)), "{code}");
        }
        let un: ActorCode = "IGOUNOSEC".parse().unwrap();
        assert_eq!(un.known_group(), Some("UNOSEC"));
        assert_eq!("USAGOV".parse::<ActorCode>().unwrap().known_group(), None);
    }

    #[test]
    fn an_unknown_country_keeps_its_role() {
        assert_eq!(read("---GOV"), parts(None, Some("GOV")));
        assert_eq!(read("---"), parts(None, None));
    }

    #[test]
    fn a_provisional_code_is_a_name_and_perhaps_a_role() {
        assert_eq!(read("X-REVOLUTIONARY-FRONT-REB"), parts(None, Some("REB")));
        assert_eq!(read("X-VALDORIA-MIL"), parts(None, Some("MIL")));
        // Without a role, only a provisional country has such a code.
        assert_eq!(read("X-VALDORIA"), parts(Some("X-VALDORIA"), None));
        assert_eq!(read("X-ARN"), parts(Some("X-ARN"), None));
        assert_eq!(read("X-COUNTRY-X"), parts(Some("X-COUNTRY-X"), None));
        assert!("X-VALDORIA".parse::<ActorCode>().unwrap().is_provisional());
        assert!(!"RUSMIL".parse::<ActorCode>().unwrap().is_provisional());
    }

    #[test]
    fn what_is_no_code_is_an_error() {
        for bad in ["", "RU", "rusmil", "Rus", "G77", "+++", "X-", "X-A B", "RUS-MIL"] {
            assert!(bad.parse::<ActorCode>().is_err(), "{bad}");
        }
    }
}
