//! `parley serve` against hostile clients: idle and half-sent connections
//! are closed within the configured timeouts while others are served, a
//! foreign `Host` is refused, answers carry security headers, a POST with a
//! bad line stores the others and names the line, and SIGTERM ends the
//! server cleanly. Loopback only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Raises this process's soft limit of open files toward `want` (children
/// inherit it): the test holds thousands of sockets, and so does the server.
fn raise_open_files(want: u64) -> u64 {
    #[repr(C)]
    struct Rlimit {
        soft: u64,
        hard: u64,
    }
    extern "C" {
        fn getrlimit(resource: i32, rlim: *mut Rlimit) -> i32;
        fn setrlimit(resource: i32, rlim: *const Rlimit) -> i32;
    }
    const RLIMIT_NOFILE: i32 = 7;
    let mut r = Rlimit { soft: 0, hard: 0 };
    // SAFETY: plain calls with a struct of the C layout (two 64-bit words on 64-bit Linux).
    unsafe {
        assert_eq!(getrlimit(RLIMIT_NOFILE, &mut r), 0);
        if r.soft < want {
            let raised = Rlimit { soft: want.min(r.hard), hard: r.hard };
            if setrlimit(RLIMIT_NOFILE, &raised) == 0 {
                r.soft = raised.soft;
            }
        }
    }
    r.soft
}

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(name: &str, extra: &[&str]) -> Server {
    let dir = std::env::temp_dir().join(format!("parley-serve-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("events.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parley"))
        .args(["serve", "--bind", "127.0.0.1:0", "--token", "sekrit", "--db"])
        .arg(&db)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_else(|| panic!("{line}")).parse().unwrap();
    Server { child, addr }
}

/// One request on a fresh connection; the whole answer (head and body).
fn request(addr: SocketAddr, host: &str, method: &str, path: &str, body: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nAuthorization: Bearer sekrit\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// Whether the server has closed `s` (EOF or reset), waiting at most `wait`.
fn closed_within(s: &mut TcpStream, wait: Duration) -> bool {
    s.set_read_timeout(Some(wait.max(Duration::from_millis(1)))).unwrap();
    let mut buf = [0u8; 512];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // an answer (408) before the close
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn two_thousand_idle_sockets_are_closed_in_time_while_others_are_served() {
    let limit = raise_open_files(8192);
    assert!(limit >= 4500, "the test needs 4,500 open files; the limit is {limit}");
    let server = serve("idle", &["--header-timeout", "2", "--idle-timeout", "2", "--body-timeout", "2", "--max-connections", "3000"]);
    let host = server.addr.to_string();
    let opened = Instant::now();
    let mut idle: Vec<TcpStream> = (0..2000).map(|_| TcpStream::connect(server.addr).unwrap()).collect();
    // Others are served meanwhile.
    for _ in 0..20 {
        let answer = request(server.addr, &host, "GET", "/api/health", "");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    // Every idle socket is closed by the header timeout (2 s), give or take a second.
    let deadline = opened + Duration::from_secs(4);
    for (i, s) in idle.iter_mut().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(closed_within(s, left), "socket {i} still open {:.1} s after it was opened", opened.elapsed().as_secs_f64());
    }
    // A keep-alive connection left idle after its answer is closed by the idle timeout.
    let mut kept = TcpStream::connect(server.addr).unwrap();
    write!(kept, "GET /api/health HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut first = [0u8; 12];
    kept.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert!(closed_within(&mut kept, Duration::from_secs(4)), "keep-alive connection still open");
    // A half-sent body gets a 408 and the connection goes.
    let mut slow = TcpStream::connect(server.addr).unwrap();
    write!(slow, "POST /api/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer sekrit\r\nContent-Length: 100\r\n\r\n{{\"id\"").unwrap();
    assert!(closed_within(&mut slow, Duration::from_secs(6)), "half-sent request still open");
    // Still serving.
    assert!(request(server.addr, &host, "GET", "/api/health", "").starts_with("HTTP/1.1 200"));
}

#[test]
fn connections_over_the_cap_are_answered_503() {
    let server = serve("cap", &["--max-connections", "8", "--header-timeout", "5"]);
    let held: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(server.addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let answer = request(server.addr, &server.addr.to_string(), "GET", "/api/health", "");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    assert!(request(server.addr, &server.addr.to_string(), "GET", "/api/health", "").starts_with("HTTP/1.1 200"));
}

#[test]
fn foreign_hosts_are_refused_and_answers_carry_security_headers() {
    let server = serve("host", &[]);
    let foreign = request(server.addr, "attacker.example:8080", "GET", "/api/health", "");
    assert!(foreign.starts_with("HTTP/1.1 403"), "{foreign}");
    assert!(foreign.contains("--allow-host"), "{foreign}");
    let own = request(server.addr, &format!("localhost:{}", server.addr.port()), "GET", "/", "");
    assert!(own.starts_with("HTTP/1.1 200"), "{own}");
    let head = own.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    for h in ["x-content-type-options: nosniff", "x-frame-options: deny", "content-security-policy: default-src 'none'; script-src 'self'"] {
        assert!(head.contains(h), "{h}: {head}");
    }
    assert!(head.contains("frame-ancestors 'none'"), "{head}");
    // Allowed by the flag.
    let listed = serve("host-listed", &["--allow-host", "events.example.org"]);
    assert!(request(listed.addr, "events.example.org", "GET", "/api/health", "").starts_with("HTTP/1.1 200"));
    assert!(request(listed.addr, &listed.addr.to_string(), "GET", "/api/health", "").starts_with("HTTP/1.1 403"));
}

#[test]
fn a_post_with_a_bad_line_stores_the_others_and_names_the_line() {
    let server = serve("post", &[]);
    let body = "{\"id\": \"a\", \"text\": \"Russian forces attacked Ukrainian positions.\"}\n{broken\n\
                {\"id\": \"c\", \"text\": \"Israel and Egypt held talks.\"}\n";
    let answer = request(server.addr, &server.addr.to_string(), "POST", "/api/documents", body);
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let json: serde_json::Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(json["ids"], serde_json::json!(["a", "c"]));
    assert_eq!(json["errors"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["errors"][0]["line"], 2, "{json}");
    // Nothing readable: a 400 naming the first bad line.
    let answer = request(server.addr, &server.addr.to_string(), "POST", "/api/documents", "{broken\n");
    assert!(answer.starts_with("HTTP/1.1 400") && answer.contains("line 1"), "{answer}");
}

#[test]
fn sigterm_ends_the_server_cleanly() {
    let mut server = serve("term", &[]);
    // An idle keep-alive connection does not hold the shutdown up.
    let mut kept = TcpStream::connect(server.addr).unwrap();
    write!(kept, "GET /api/health HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
    let mut first = [0u8; 12];
    kept.read_exact(&mut first).unwrap();
    let sent = Instant::now();
    assert!(Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().unwrap().success());
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(sent.elapsed() < Duration::from_secs(10), "still running 10 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(TcpStream::connect(server.addr).is_err(), "still listening");
}
