//! What every request passes through: the `Host` check and the security
//! headers of every answer.
//!
//! A server on the loopback interface is reachable from any web page the
//! user opens, by DNS rebinding (a name of the attacker's that resolves to
//! 127.0.0.1): the browser then sends that name as `Host`. So a request
//! must name one of the allowed hosts, derived from the address the server
//! listens on (loopback: `localhost`, `127.0.0.1`, `[::1]`; a specific
//! address: itself; every interface: any host) unless `--allow-host` says
//! otherwise; others get `403`. Every answer says `nosniff` and may not be
//! framed; the dashboard's page gets a content security policy that allows
//! only its own script, style and API.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The hosts a request may name in its `Host` header (ports aside).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllowedHosts {
    /// Any host (a server on every interface, or `--allow-host '*'`).
    Any,
    /// These names and addresses, lower case; IPv6 addresses in brackets.
    Only(Vec<String>),
}

impl AllowedHosts {
    /// The hosts that name a server listening on `addr`.
    pub fn for_bind(addr: SocketAddr) -> AllowedHosts {
        let ip = addr.ip();
        if ip.is_unspecified() {
            return AllowedHosts::Any;
        }
        if ip.is_loopback() {
            return AllowedHosts::Only(vec!["localhost".into(), "127.0.0.1".into(), "[::1]".into()]);
        }
        AllowedHosts::Only(vec![host_of_ip(ip)])
    }

    /// From `--allow-host` values: names or addresses, `*` for any.
    pub fn from_list(list: &[String]) -> AllowedHosts {
        if list.iter().any(|h| h.trim() == "*") {
            return AllowedHosts::Any;
        }
        AllowedHosts::Only(
            list.iter()
                .map(|h| {
                    let h = h.trim().to_ascii_lowercase();
                    match h.parse::<IpAddr>() {
                        Ok(ip) => host_of_ip(ip),
                        Err(_) => h,
                    }
                })
                .collect(),
        )
    }

    /// Does a `Host` header value (`name`, `name:port`, `[v6]:port`) name an allowed host?
    pub fn allows(&self, host: &str) -> bool {
        let hosts = match self {
            AllowedHosts::Any => return true,
            AllowedHosts::Only(hosts) => hosts,
        };
        let host = host.trim().to_ascii_lowercase();
        let name = if host.starts_with('[') {
            host.find(']').map_or(host.as_str(), |end| &host[..=end])
        } else {
            host.split(':').next().unwrap_or("")
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        hosts.iter().any(|h| h == name)
    }
}

fn host_of_ip(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// The dashboard's policy: its own script, style, icons and API only.
const DASHBOARD_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                             base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/// Everything else is data: nothing in it runs, and nothing frames it.
const DATA_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// The middleware: refuses a foreign `Host`, then adds the security headers.
pub async fn guard(State(hosts): State<Arc<AllowedHosts>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).or_else(|| request.uri().authority().map(|a| a.as_str()));
    // HTTP/1.0 requests may carry no Host; browsers always send one.
    if let Some(host) = host {
        if !hosts.allows(host) {
            let body = serde_json::json!({
                "error": format!("host {host:?} is not served here (start the server with --allow-host {host:?} to allow it)"),
                "parameter": "Host",
            });
            return secured((StatusCode::FORBIDDEN, axum::Json(body)).into_response());
        }
    }
    secured(next.run(request).await)
}

fn secured(mut response: Response) -> Response {
    let html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(if html { DASHBOARD_CSP } else { DATA_CSP }));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_follow_the_bound_address() {
        let loopback = AllowedHosts::for_bind("127.0.0.1:8080".parse().unwrap());
        for ok in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "localhost."] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in ["evil.example:8080", "127.0.0.1.evil.example", "attacker.test", ""] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        assert_eq!(AllowedHosts::for_bind("0.0.0.0:80".parse().unwrap()), AllowedHosts::Any);
        let one = AllowedHosts::for_bind("192.0.2.7:80".parse().unwrap());
        assert!(one.allows("192.0.2.7") && !one.allows("localhost"));
        let listed = AllowedHosts::from_list(&["Events.Example.org".into(), "::1".into()]);
        assert!(listed.allows("events.example.org:443") && listed.allows("[::1]:80") && !listed.allows("localhost"));
        assert_eq!(AllowedHosts::from_list(&["*".into()]), AllowedHosts::Any);
    }
}
