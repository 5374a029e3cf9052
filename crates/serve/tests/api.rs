//! The HTTP API over a real socket: every endpoint's happy path and its
//! 400/401/404/413 answers, the OpenAPI description in step with the routes,
//! streamed exports, and no 5xx whatever the query.

use parley::{Coder, Document, Event};
use parley_serve::{App, Config, ENDPOINTS, OPENAPI};
use parley_store::Store;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, OnceLock};

fn coder() -> Arc<Coder> {
    static CODER: OnceLock<Arc<Coder>> = OnceLock::new();
    CODER.get_or_init(|| Arc::new(Coder::builtin().unwrap())).clone()
}

/// An event of `cameo` from `src` to `tgt`, with the quad class and Goldstein
/// value the built-in lexicon gives the code.
fn ev(doc: &str, i: usize, src: &str, tgt: &str, cameo: &str, date: &str) -> Event {
    let (quad, goldstein) = {
        let code = coder();
        let code = code.lexicon().event_code(cameo).expect("a CAMEO code of the lexicon");
        (code.quad_class(), code.goldstein)
    };
    let actor = |code: &str, text: &str| json!({"code": code, "text": text, "span": [0, text.len()], "country": &code[..3], "role": null, "provisional": false, "entity": 0});
    let sentence = format!("{src} acted ({cameo}) on {tgt}.");
    serde_json::from_value(json!({
        "doc_id": doc, "sentence_index": i, "sentence": sentence, "source": actor(src, src), "target": actor(tgt, tgt),
        "cameo": cameo, "root": &cameo[..2], "quad_class": quad, "goldstein": goldstein, "event_name": "test", "plover": null,
        "mode": "asserted", "certainty": "stated", "hedges": [], "attribution": null, "date": date,
        "date_info": {"value": date, "precision": "day", "source": "document"}, "tense": "past", "background": false,
        "passive": false, "verb": {"text": "acted", "lemma": "act", "span": [4, 9]}, "lexicon": [],
    }))
    .unwrap()
}

/// A store with a few events, and a server over it.
fn start(name: &str, configure: impl FnOnce(&mut Config)) -> SocketAddr {
    let dir = std::env::temp_dir().join(format!("parley-serve-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("events.db");
    {
        let mut store = Store::open(&db).unwrap();
        for (k, day) in ["2024-01-05", "2024-01-20", "2024-02-03"].iter().enumerate() {
            let mut d = Document::new(format!("doc{k}"), "text").with_date(day.parse().unwrap());
            d.source = Some("Wire".into());
            let events = vec![ev(&d.id, 0, "USAGOV", "IRQGOV", "036", day), ev(&d.id, 1, "IRQMIL", "USAMIL", "190", day)];
            store.ingest([(&d, events.as_slice())], false).unwrap();
        }
    }
    let mut config = Config::new(&db);
    config.token = Some("sekrit".into());
    configure(&mut config);
    let app = App::new(config, coder()).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = parley_serve::run(app, "127.0.0.1:0", 2, |addr| tx.send(addr).unwrap());
    });
    rx.recv().unwrap()
}

struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = headers.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if headers.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    Reply { status, headers, body }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

#[test]
fn every_read_endpoint_answers() {
    let addr = start("happy", |_| {});
    let health = get(addr, "/api/health").json();
    assert_eq!(health["store"]["events"], 6);
    assert_eq!(health["posting"], true);

    let page = get(addr, "/api/events?dyad=USA,IRQ&limit=2&total=true").json();
    assert_eq!(page["rows"].as_array().unwrap().len(), 2);
    assert_eq!(page["total"], 6);
    assert_eq!(page["next_offset"], 2);
    let id = page["rows"][0]["id"].as_i64().unwrap();
    assert!(page["rows"][0]["event"]["sentence"].is_string());
    let filtered = get(addr, "/api/events?source=IRQ&quad_class=4&from=2024-01-10&to=2024-12-31&order=oldest&unit=mentions").json();
    assert_eq!(filtered["rows"].as_array().unwrap().len(), 2);
    assert_eq!(get(addr, "/api/events?q=acted+%28190%29&cameo=19&root=19&directed=true&dyad=IRQ,USA").json()["rows"].as_array().unwrap().len(), 3);
    assert_eq!(get(addr, "/api/events?doc=doc1&place=nowhere").json()["rows"].as_array().unwrap().len(), 0);

    let one = get(addr, &format!("/api/events/{id}")).json();
    assert_eq!(one["id"], id);
    assert!(one["event"]["verb"]["span"].is_array() && one["event"]["source"]["span"].is_array());
    assert!(one["cluster"]["reports"].as_array().unwrap().len() == 1);
    assert!(one["document"]["id"].is_string());

    let t = get(addr, "/api/timeline?dyad=USA,IRQ&granularity=month").json();
    let b = t["buckets"].as_array().unwrap();
    assert_eq!(b.len(), 2);
    assert_eq!(b[0]["period"], "2024-01");
    assert_eq!(b[0]["quad"], json!([2, 0, 0, 2]));
    assert_eq!(b[0]["goldstein_sum"], -12.0);
    assert_eq!(get(addr, "/api/timeline?actor=USA&granularity=day&unit=mentions").json()["buckets"].as_array().unwrap().len(), 30);

    let actors = get(addr, "/api/actors?q=usa&limit=10").json();
    assert_eq!(actors["rows"].as_array().unwrap().len(), 2);
    let a = get(addr, "/api/actors/USAGOV").json();
    assert_eq!(a["as_source"], json!([3, 0, 0, 0]));
    let dyads = get(addr, "/api/dyads").json();
    assert_eq!(dyads["rows"][0]["a"], "IRQ");
    assert_eq!(dyads["rows"][0]["b"], "USA");
    assert!(get(addr, "/api/alerts?rule=spike&dyad=USA,IRQ&from=2024-01-01&to=2024-12-31").json()["rows"].is_array());
    assert!(get(addr, "/api/facts?kind=count&doc=doc1").json()["rows"].is_array());
    assert_eq!(get(addr, "/api/documents/doc1").json()["n_events"], 2);

    let csv = get(addr, "/api/export?format=csv&dyad=USA,IRQ");
    assert_eq!(csv.status, 200);
    assert!(csv.headers.to_ascii_lowercase().contains("content-type: text/csv"));
    assert_eq!(csv.text().lines().count(), 7);
    let tsv = get(addr, "/api/export?format=tsv&limit=2").text();
    assert!(tsv.starts_with("GLOBALEVENTID\tSQLDATE"));
    assert_eq!(tsv.lines().count(), 3);
    let jsonl = get(addr, "/api/export").text();
    assert_eq!(jsonl.lines().count(), 6);
    for l in jsonl.lines() {
        assert!(serde_json::from_str::<Value>(l).unwrap()["cameo"].is_string());
    }

    let html = get(addr, "/");
    assert_eq!(html.status, 200);
    assert!(html.text().contains("<title>parley"));
    assert_eq!(get(addr, "/app.js").status, 200);
    assert_eq!(get(addr, "/app.css").status, 200);
}

#[test]
fn posting_codes_and_stores_with_the_token_only() {
    let addr = start("post", |c| c.max_body = 2000);
    let doc = br#"{"id":"p1","text":"Russian forces shelled Ukrainian positions near Kharkiv on Tuesday.","date":"2024-03-07"}"#;
    let r = request(addr, "POST", "/api/documents", &[], doc);
    assert_eq!(r.status, 401);
    assert!(r.json()["error"].as_str().unwrap().contains("token"));
    assert_eq!(request(addr, "POST", "/api/documents", &[("Authorization", "Bearer wrong")], doc).status, 401);
    let ok = request(addr, "POST", "/api/documents", &[("Authorization", "Bearer sekrit")], doc);
    assert_eq!(ok.status, 201, "{}", ok.text());
    assert_eq!(ok.json()["stored"]["documents"], 1);
    // Again: unchanged, nothing doubles.
    let again = request(addr, "POST", "/api/documents", &[("X-Parley-Token", "sekrit")], doc);
    assert_eq!(again.json()["stored"]["unchanged"], 1);
    let lines = b"{\"id\":\"p2\",\"text\":\"Iran accused Israel.\"}\n{\"id\":\"p3\",\"text\":\"Israel denied it.\"}\n";
    let r = request(addr, "POST", "/api/documents?date=2024-03-08", &[("Authorization", "Bearer sekrit")], lines);
    assert_eq!(r.json()["ids"], json!(["p2", "p3"]));
    assert_eq!(get(addr, "/api/documents/p2").json()["date"], "2024-03-08");
    // Bad bodies name what is wrong.
    let bad = request(addr, "POST", "/api/documents", &[("Authorization", "Bearer sekrit")], b"[{\"text\":\"no id\"}]");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("[0]"));
    assert_eq!(bad.json()["parameter"], "body");
    let bad = request(addr, "POST", "/api/documents?date=yesterday", &[("Authorization", "Bearer sekrit")], doc);
    assert_eq!((bad.status, bad.json()["parameter"].as_str()), (400, Some("date")));
    assert_eq!(request(addr, "POST", "/api/documents", &[("Authorization", "Bearer sekrit")], b"").status, 400);
    assert_eq!(request(addr, "POST", "/api/documents", &[("Authorization", "Bearer sekrit")], &[0xff, 0xfe]).status, 400);
    // Over the body limit: 413.
    let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "word ".repeat(1000));
    let r = request(addr, "POST", "/api/documents", &[("Authorization", "Bearer sekrit")], big.as_bytes());
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["parameter"], "body");
}

#[test]
fn posting_is_off_without_a_token_and_private_servers_close_reads() {
    let open = start("notoken", |c| c.token = None);
    let r = request(open, "POST", "/api/documents", &[("Authorization", "Bearer x")], b"{\"id\":\"a\",\"text\":\"b\"}");
    assert_eq!(r.status, 401);
    assert!(r.text().contains("disabled"));
    let private = start("private", |c| c.private = true);
    for path in ["/api/health", "/api/events", "/api/events/1", "/api/timeline?actor=USA", "/api/actors", "/api/actors/USAGOV", "/api/dyads", "/api/alerts", "/api/facts", "/api/documents/doc1", "/api/export"] {
        assert_eq!(get(private, path).status, 401, "{path}");
        assert_eq!(request(private, "GET", path, &[("Authorization", "Bearer sekrit")], b"").status, 200, "{path}");
    }
    let sep = |p: &str| if p.contains('?') { '&' } else { '?' };
    assert_eq!(get(private, &format!("/api/events{}token=sekrit", sep("/api/events"))).status, 200);
    assert_eq!(get(private, "/api/events?token=wrong").status, 401);
}

#[test]
fn bad_parameters_get_a_400_naming_them_and_unknown_things_a_404() {
    let addr = start("bad", |_| {});
    let cases = [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=1001", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?from=2024-13-01", "from"),
        ("/api/events?from=2024-02-01&to=2024-01-01", "to"),
        ("/api/events?dyad=USA", "dyad"),
        ("/api/events?dyad=USA,IRQ,RUS", "dyad"),
        ("/api/events?quad_class=5", "quad_class"),
        ("/api/events?cameo=abc", "cameo"),
        ("/api/events?root=1", "root"),
        ("/api/events?unit=tons", "unit"),
        ("/api/events?order=random", "order"),
        ("/api/events?directed=maybe", "directed"),
        ("/api/events?actor=U%20S", "actor"),
        ("/api/events?limit=1&limit=2", "limit"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?q=%zz", "q"),
        ("/api/timeline?granularity=year", "granularity"),
        ("/api/export?format=xml", "format"),
        ("/api/alerts?rule=panic", "rule"),
        ("/api/actors?limit=x", "limit"),
        ("/api/dyads?limit=0", "limit"),
        ("/api/facts?offset=x", "offset"),
        ("/api/health?x=1", "x"),
        ("/api/events/abc", "id"),
        ("/api/events/-3", "id"),
    ];
    for (path, param) in cases {
        let r = get(addr, path);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        let v = r.json();
        assert_eq!(v["parameter"], param, "{path}");
        assert!(v["error"].as_str().unwrap().contains(param), "{path}: {v}");
    }
    for path in ["/api/events/999999", "/api/actors/NOPE", "/api/documents/nope", "/api/nothing", "/nothing"] {
        let r = get(addr, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.json()["error"].is_string());
    }
}

#[test]
fn no_query_makes_the_server_fail() {
    let addr = start("fuzz", |_| {});
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let alphabet: Vec<char> = "aZ09%,&=+-_./?#[]{}\"'<>\\ éü中\u{0}~!$()*;:@".chars().collect();
    let paths = ["/api/events", "/api/timeline", "/api/alerts", "/api/actors", "/api/facts", "/api/export", "/api/dyads", "/api/events/"];
    let names = ["limit", "offset", "dyad", "actor", "from", "to", "q", "cameo", "granularity", "format", "unit", "rule", "place", "doc"];
    for i in 0..400 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        let value: String = (0..len).map(|k| alphabet[((seed >> (k % 50)) as usize + k) % alphabet.len()]).collect();
        let encoded: String = value.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
        let path = paths[i % paths.len()];
        let url = if path.ends_with('/') { format!("{path}{encoded}") } else { format!("{path}?{}={encoded}", names[i % names.len()]) };
        let r = get(addr, &url);
        assert!(r.status < 500, "{url} -> {} {}", r.status, r.text());
    }
    // Raw, unencoded junk in the query string too.
    for q in ["%", "%%", "a=%G1", "=", "&&&", "limit=%FF", "q=%E2%82"] {
        let r = get(addr, &format!("/api/events?{q}"));
        assert!(r.status == 400 || r.status == 200, "{q} -> {}", r.status);
    }
}

#[test]
fn the_openapi_description_matches_the_routes() {
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    let paths = spec["paths"].as_object().unwrap();
    let mut described = Vec::new();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let mut params: Vec<String> = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            params.sort();
            described.push((method.clone(), path.clone(), params));
        }
    }
    described.sort();
    let mut routed: Vec<(String, String, Vec<String>)> = ENDPOINTS
        .iter()
        .map(|(m, p, ps)| {
            let mut ps: Vec<String> = ps.iter().map(|s| s.to_string()).collect();
            ps.sort();
            (m.to_string(), p.to_string(), ps)
        })
        .collect();
    routed.sort();
    assert_eq!(described, routed, "OpenAPI and ENDPOINTS differ");
    // Every described route is really served (not the 404 fallback), and
    // each of its parameters is accepted (no "unknown parameter").
    let addr = start("openapi", |_| {});
    let sample = |name: &str| match name {
        "dyad" => "USA,IRQ",
        "from" | "to" | "date" => "2024-01-01",
        "limit" | "min_events" => "5",
        "offset" => "0",
        "quad_class" => "1",
        "cameo" => "19",
        "root" => "19",
        "directed" | "total" | "force" => "false",
        "unit" => "clusters",
        "order" => "newest",
        "granularity" => "month",
        "format" => "csv",
        "rule" => "spike",
        "days" => "30",
        _ => "USA",
    };
    for (method, path, params) in routed {
        let concrete = path.replace("{id}", "1").replace("{code}", "USAGOV");
        let concrete = if concrete == "/api/documents/1" { "/api/documents/doc0".to_string() } else { concrete };
        // A brief is on a dyad or an actor (not both), written as md, html or json.
        let brief = path == "/api/brief";
        let query: Vec<String> = params
            .iter()
            .filter(|p| !(brief && *p == "actor"))
            .map(|p| if brief && p == "format" { "format=md".to_string() } else { format!("{p}={}", sample(p)) })
            .collect();
        let url = if query.is_empty() { concrete } else { format!("{concrete}?{}", query.join("&")) };
        let r = if method == "post" {
            request(addr, "POST", &url, &[("Authorization", "Bearer sekrit")], br#"{"id":"n","text":"Iran accused Israel."}"#)
        } else {
            get(addr, &url)
        };
        assert!(r.status == 200 || r.status == 201, "{method} {url} -> {} {}", r.status, r.text());
    }
}

#[test]
fn the_overview_network_and_brief_answer() {
    let addr = start("analysis", |_| {});
    // The network: one dyad, IRQ-USA, three cooperative and three conflictual happenings.
    let net = get(addr, "/api/network?min_events=1").json();
    let edges = net["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{net}");
    assert_eq!((edges[0]["a"].as_str(), edges[0]["b"].as_str()), (Some("IRQ"), Some("USA")));
    assert_eq!((edges[0]["events"].as_i64(), edges[0]["cooperative"].as_i64(), edges[0]["conflictual"].as_i64()), (Some(6), Some(3), Some(3)));
    assert_eq!(edges[0]["goldstein_mean"], -3.0);
    assert_eq!(net["nodes"].as_array().unwrap().len(), 2);
    assert!(get(addr, "/api/network?min_events=7").json()["edges"].as_array().unwrap().is_empty());
    assert_eq!(get(addr, "/api/network?from=2024-02-01").json()["edges"][0]["events"], 2);
    assert_eq!(get(addr, "/api/network?min_events=0").status, 400);

    // The overview: the store's period, the dyad with its sparkline, both actors.
    let ov = get(addr, "/api/overview").json();
    assert_eq!(ov["store"]["first_day"], "2024-01-05");
    assert_eq!(ov["store"]["last_day"], "2024-02-03");
    let dyad = &ov["dyads"][0];
    assert_eq!(dyad["edge"]["events"], 6);
    let spark = dyad["spark"].as_array().unwrap();
    assert_eq!(spark.len(), ov["periods"].as_array().unwrap().len());
    assert_eq!(spark.iter().map(|s| s["cooperative"].as_i64().unwrap()).sum::<i64>(), 3);
    assert_eq!(ov["actors"].as_array().unwrap().len(), 2);

    // A new report changes the answers (nothing stale is served).
    let posted = request(addr, "POST", "/api/documents?date=2024-02-10", &[("Authorization", "Bearer sekrit")], br#"{"id":"n","text":"Iran accused Israel of spying."}"#);
    assert_eq!(posted.status, 201, "{}", posted.text());
    assert_eq!(get(addr, "/api/network?min_events=1").json()["edges"].as_array().unwrap().len(), 2);

    // The brief, as JSON: every line cites something.
    let brief = get(addr, "/api/brief?dyad=USA,IRQ").json();
    let lines: Vec<&Value> = brief["sections"].as_array().unwrap().iter().flat_map(|s| s["lines"].as_array().unwrap()).collect();
    assert!(lines.len() >= 3, "{brief}");
    assert!(lines.iter().all(|l| !l["citations"].as_array().unwrap().is_empty()));
    assert!(lines.iter().any(|l| l["text"].as_str().unwrap().contains("offered to meet or negotiate")), "{brief}");
    let md = get(addr, "/api/brief?dyad=USA,IRQ&format=md");
    assert!(md.headers.to_ascii_lowercase().contains("text/markdown"));
    assert!(md.text().contains("## Between them over time") && md.text().contains("[e"));
    let html = get(addr, "/api/brief?actor=USA&format=html").text();
    assert!(html.contains("href=\"/#event="), "{html}");
    assert_eq!(get(addr, "/api/brief").json()["parameter"], "dyad");
    assert_eq!(get(addr, "/api/brief?dyad=USA,IRQ&format=pdf").json()["parameter"], "format");
    assert_eq!(get(addr, "/api/brief?dyad=USA,IRQ&actor=USA").status, 400);
}
