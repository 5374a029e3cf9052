//! Query parameters: decoded by hand so every error names its parameter.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use parley_store::{EventFilter, Order, StoreError, Unit};
use serde_json::json;

/// Filters shared by events, timelines and exports.
const FILTERS: &[&str] =
    &["actor", "source", "target", "dyad", "directed", "cameo", "root", "quad_class", "from", "to", "place", "q", "doc", "unit"];

pub const EVENT_PARAMS: &[&str] = &[
    "actor", "source", "target", "dyad", "directed", "cameo", "root", "quad_class", "from", "to", "place", "q", "doc", "unit", "order",
    "limit", "offset", "total",
];
pub const TIMELINE_PARAMS: &[&str] = &[
    "actor", "source", "target", "dyad", "directed", "cameo", "root", "quad_class", "from", "to", "place", "q", "doc", "unit",
    "granularity",
];
pub const EXPORT_PARAMS: &[&str] = &[
    "actor", "source", "target", "dyad", "directed", "cameo", "root", "quad_class", "from", "to", "place", "q", "doc", "unit", "order",
    "format", "limit",
];

/// An error answer: status, message, and the parameter at fault.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    parameter: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>, parameter: Option<&str>) -> ApiError {
        ApiError { status, message: message.into(), parameter: parameter.map(str::to_string) }
    }
    pub fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
        let message = format!("parameter {parameter:?}: {}", message.into());
        ApiError::new(StatusCode::BAD_REQUEST, message, Some(parameter))
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message, None)
    }
    pub fn unauthorised() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a valid token is needed: send Authorization: Bearer TOKEN (or X-Parley-Token)",
            None,
        )
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message, None)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": self.message, "parameter": self.parameter}).to_string();
        let mut r = (self.status, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// Decoded `name=value` pairs of a query string.
pub struct Params {
    pairs: Vec<(String, String)>,
    token: Option<String>,
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

impl Params {
    /// Parses `query`, refusing parameters not in `allowed` (`token` is
    /// always allowed) and repeated ones.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut token = None;
        for part in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let k = decode(k).ok_or_else(|| ApiError::bad(k, "badly percent-encoded name"))?;
            let v = decode(v).ok_or_else(|| ApiError::bad(&k, "badly percent-encoded value"))?;
            if k == "token" {
                token = Some(v);
                continue;
            }
            if !allowed.contains(&k.as_str()) {
                let known = if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") };
                return Err(ApiError::bad(&k, format!("unknown parameter (known here: {known})")));
            }
            if pairs.iter().any(|(n, _)| *n == k) {
                return Err(ApiError::bad(&k, "given twice"));
            }
            pairs.push((k, v));
        }
        Ok(Params { pairs, token })
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// A non-empty value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if n >= min && n <= max => Ok(Some(n)),
                _ if max == i64::MAX => Err(ApiError::bad(name, format!("expected an integer >= {min}, got {v:?}"))),
                _ => Err(ApiError::bad(name, format!("expected an integer from {min} to {max}, got {v:?}"))),
            },
        }
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some("true" | "1" | "yes") => Ok(Some(true)),
            Some("false" | "0" | "no") => Ok(Some(false)),
            Some(v) => Err(ApiError::bad(name, format!("expected true or false, got {v:?}"))),
        }
    }

    pub fn day(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => Ok(Some(d.format("%Y-%m-%d").to_string())),
                Err(_) => Err(ApiError::bad(name, format!("expected a day YYYY-MM-DD, got {v:?}"))),
            },
        }
    }

    pub(crate) fn code(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => Ok(Some(v.to_string())),
            Some(v) => Err(ApiError::bad(name, format!("expected an actor or event code (letters, digits, '-'), got {v:?}"))),
        }
    }

    /// `dyad=A,B`.
    pub fn dyad(&self) -> Result<Option<(String, String)>, ApiError> {
        match self.get("dyad") {
            None => Ok(None),
            Some(v) => {
                let parts: Vec<&str> = v.split(',').map(str::trim).collect();
                let ok = |s: &str| !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if parts.len() == 2 && ok(parts[0]) && ok(parts[1]) {
                    Ok(Some((parts[0].to_string(), parts[1].to_string())))
                } else {
                    Err(ApiError::bad("dyad", format!("expected two actor codes separated by a comma (USA,RUS), got {v:?}")))
                }
            }
        }
    }

    /// The event filters (see [`FILTERS`]).
    pub fn event_filter(&self) -> Result<EventFilter, ApiError> {
        debug_assert!(FILTERS.iter().all(|f| EVENT_PARAMS.contains(f)));
        let cameo = self.code("cameo")?;
        if let Some(c) = &cameo {
            if !c.chars().all(|c| c.is_ascii_digit()) {
                return Err(ApiError::bad("cameo", format!("expected CAMEO digits (19, 190, 0871), got {c:?}")));
            }
        }
        let root = self.code("root")?;
        if let Some(r) = &root {
            if r.len() != 2 || !r.chars().all(|c| c.is_ascii_digit()) {
                return Err(ApiError::bad("root", format!("expected a two-digit CAMEO root (01..20), got {r:?}")));
            }
        }
        let from = self.day("from")?;
        let to = self.day("to")?;
        if let (Some(f), Some(t)) = (&from, &to) {
            if f > t {
                return Err(ApiError::bad("to", format!("{t} is before from={f}")));
            }
        }
        let unit = match self.get("unit") {
            None | Some("clusters") => Unit::Clusters,
            Some("mentions") => Unit::Mentions,
            Some(v) => return Err(ApiError::bad("unit", format!("expected clusters or mentions, got {v:?}"))),
        };
        let order = match self.get("order") {
            None | Some("newest") => Order::Newest,
            Some("oldest") => Order::Oldest,
            Some(v) => return Err(ApiError::bad("order", format!("expected newest or oldest, got {v:?}"))),
        };
        let text = self.get("q").map(str::to_string);
        if text.as_ref().is_some_and(|t| t.len() > 200) {
            return Err(ApiError::bad("q", "longer than 200 bytes"));
        }
        Ok(EventFilter {
            actor: self.code("actor")?,
            source: self.code("source")?,
            target: self.code("target")?,
            dyad: self.dyad()?,
            directed: self.bool("directed")?.unwrap_or(false),
            cameo,
            root,
            quad_class: self.int("quad_class", 1, 4)?.map(|q| q as u8),
            from,
            to,
            place: self.get("place").map(str::to_string),
            text,
            doc_id: self.get("doc").map(str::to_string),
            unit,
            order,
        })
    }
}
