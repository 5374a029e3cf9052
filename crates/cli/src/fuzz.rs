//! Fuzzing every reader on stable Rust, within `cargo test`.
//!
//! cargo-fuzz needs a nightly compiler for its sanitizers and coverage; this
//! machine (and CI) has stable only. So each reader has a coverage-less
//! mutation loop here: from a few valid seeds (examples, the built-in
//! lexicon, its TABARI export), inputs are mutated (bits flipped, bytes set,
//! inserted and deleted, ranges repeated, spliced with other seeds, tokens
//! of the format inserted: `<`, `&`, `]]>`, `{`, quotes, NUL, multi-byte
//! characters) and fed to the reader under `catch_unwind`. A panic, a
//! broken invariant (a reported place without the file's name, a line 0)
//! or an input slower than ten seconds (a hang; the slowest seen under load took
//! 1.5 s) fails the run; the input is written
//! to `target/fuzz-crashes/` and its shape belongs in [`REGRESSIONS`].
//!
//! - `cargo test -p parley-cli --bin parley fuzz_regressions`: the crash
//!   shapes, in every test run;
//! - `PARLEY_FUZZ_SECONDS=60 cargo test -p parley-cli --bin parley -- --ignored fuzz_`:
//!   each target for 60 s (what `scripts/test-all` runs, the targets at once);
//! - longer outside CI: `PARLEY_FUZZ_SECONDS=3600 cargo test --release -p parley-cli --bin parley -- --ignored fuzz_ --test-threads 1`
//!   (`--nocapture` shows each target's count of inputs at its end);
//! - `cargo test --release -p parley-cli --bin parley -- --ignored fuzz_replay --nocapture`:
//!   the inputs a failed run saved, timed again (a run that stalls with the
//!   whole machine, e.g. while it runs out of memory, reports slow inputs
//!   that are not).

use parley_lexicon::tabari::Kind;
use parley_lexicon::Lexicon;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// A reader under test: reads `input`, panics on a broken invariant.
type Target = fn(&[u8]);

/// JSON lines, through the bounded line reader and the document parser.
fn json_lines(input: &[u8]) {
    let mut reader = Cursor::new(input);
    let mut buf = Vec::new();
    while let crate::input::Line::Read | crate::input::Line::TooLong(_) =
        crate::input::read_line_bounded(&mut reader, &mut buf, 4096).expect("reading memory")
    {
        assert!(buf.len() <= 4096, "a line over the limit was kept");
        if let Ok(line) = std::str::from_utf8(&buf) {
            let _ = parley::Document::from_json(line.trim());
        }
    }
}

fn feed(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    if let Ok(feed) = crate::feed::parse("f.rss", &text) {
        for (line, _) in &feed.items {
            assert!(*line >= 1, "an item on line 0");
        }
        for e in &feed.errors {
            assert!(e.starts_with("f.rss:") && !e.starts_with("f.rss:0:"), "an error without its place: {e}");
        }
    }
}

fn petrarch(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    match crate::petrarch::parse("p.xml", &text) {
        Ok(file) => {
            for r in &file.records {
                assert!(r.line >= 1, "a record on line 0");
            }
            for e in &file.errors {
                assert!(e.starts_with("p.xml:") && !e.starts_with("p.xml:0:"), "an error without its place: {e}");
            }
        }
        Err(e) => assert!(e.starts_with("p.xml"), "an error without the file: {e}"),
    }
}

fn tabari(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    for kind in [Kind::Verbs, Kind::Actors, Kind::Agents, Kind::Discards] {
        let mut lexicon = Lexicon::default();
        if let Err(e) = lexicon.add_tabari(kind, "d.txt", &text) {
            assert_eq!(e.file, "d.txt", "{e}");
        }
    }
}

/// The files of parley's own lexicon format.
const LEXICON_FILES: &[&str] = &["verbs.txt", "agents.txt", "countries.txt", "cues.txt", "discards.txt", "places.txt", "synsets.txt", "cameo.txt"];

fn lexicon_format(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    for name in LEXICON_FILES {
        let mut lexicon = Lexicon::default();
        match lexicon.add_file(name, &text) {
            Ok(()) => {
                let _ = lexicon.check();
            }
            Err(e) => assert_eq!(e.file, *name, "{e}"),
        }
    }
}

/// The targets, with their seeds.
fn targets() -> Vec<(&'static str, Target, Vec<Vec<u8>>)> {
    let lexicon = Lexicon::builtin().expect("the built-in lexicon");
    let head = |text: &str, n: usize| -> Vec<u8> {
        let cut = text.char_indices().map(|(i, _)| i).take_while(|&i| i <= n).last().unwrap_or(0);
        text.as_bytes()[..text[..cut].rfind('\n').map_or(cut, |i| i + 1)].to_vec()
    };
    let lexicon_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicon");
    let lexicon_seeds: Vec<Vec<u8>> = LEXICON_FILES
        .iter()
        .filter_map(|name| std::fs::read_to_string(lexicon_dir.join(name)).ok())
        .map(|text| head(&text, 3000))
        .collect();
    use parley_lexicon::tabari::{export_actors, export_agents, export_discards, export_verbs};
    let tabari_seeds =
        vec![head(&export_verbs(&lexicon), 3000), head(&export_actors(&lexicon), 3000), head(&export_agents(&lexicon), 2000), head(&export_discards(&lexicon), 1000)];
    vec![
        (
            "json_lines",
            json_lines as Target,
            vec![
                br#"{"id": "a", "text": "Russian forces attacked Kharkiv.", "date": "2024-03-05", "title": "T", "source": "AP"}"#.to_vec(),
                b"{\"id\":\"b\",\"text\":\"x\"}\n{\"id\":\"c\",\"text\":\"\\u00e9\\n\",\"url\":null}\n".to_vec(),
            ],
        ),
        (
            "feed",
            feed as Target,
            vec![
                b"<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>W</title>\n<item><title>Rebels seize town</title><link>https://e.org/a</link><description>&lt;p&gt;Rebels seized it.&lt;/p&gt;</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><guid>a</guid></item>\n<item><dc:date>2024-03-05</dc:date><description>B</description></item></channel></rss>".to_vec(),
                b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:1</id><title>Talks</title><link href=\"https://e.org/b\"/><updated>2024-03-05T10:00:00Z</updated><summary>Met.</summary></entry></feed>".to_vec(),
            ],
        ),
        (
            "petrarch",
            petrarch as Target,
            vec![b"<Validation><Environment><Verbfile>V.txt</Verbfile><Actorfile>A.txt, B.txt</Actorfile><Include>valid DEMO</Include></Environment>\n<Sentences>\n<Sentence date=\"19950101\" id=\"D-1\" category=\"DEMO\"><EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"/><Text>Arnor restored ties with Gondor.</Text><Parse>(ROOT)</Parse></Sentence>\n<Config option=\"require_dyad\" value=\"false\"/>\n<Sentence date=\"19950102\" id=\"E-1\"><EventCoding error=\"storydiscard\"/><Text>A typhoon &amp; rain.</Text></Sentence>\n</Sentences></Validation>".to_vec()],
        ),
        ("tabari", tabari as Target, tabari_seeds),
        ("lexicon_format", lexicon_format as Target, lexicon_seeds),
    ]
}

/// Inputs that broke, or nearly broke, readers: deep nesting, unclosed
/// tags, entities, NUL, invalid UTF-8, byte-order marks, huge numbers,
/// lines of nothing but brackets. Every target reads each of them.
pub const REGRESSIONS: &[&[u8]] = &[
    b"",
    b"\n\n\n",
    b"\xEF\xBB\xBF{\"id\":\"bom\",\"text\":\"x\"}",
    b"\xff\xfe\x00<\x00r\x00s\x00s\x00",
    b"{\"id\":\"n\",\"text\":\"\\u0000\\ud800\"}",
    b"{\"id\": 1e999999, \"text\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    b"<rss><item><item><item></item>",
    b"<rss>\n<item>&nbsp;&#0;&#x110000;&#xD800;</item>\n<item><title>ok</title></item></rss>",
    b"<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss><channel><item><description>&c;&c;&c;</description></item></channel></rss>",
    b"<Sentences><Sentence id=\"a\" date=\"99999999\"><Text>x</Text></Sentence><Sentence id=\"\" date=\"\"></Sentence><Sentence",
    b"<Sentence id=\"x\"><Text>a</Text></Sentence><Sentence id=\"y\"><Text>unclosed",
    b"<feed><entry><id>1</id><link/></entry><entry>",
    b"--- GRANT [070] ---\n- * AID [071]\n+ [\n[[[[\n{ } { }\n",
    b"USA [USA]\n+UNITED STATES [USAGOV 19900101-20000101]\n[~PTY\n  \t\n#\n",
    b"~~~~\n####\n- [ ]\n!\n@\n* * * *\n\x00\x00",
    // A TABARI synset included in itself, line after line: each line doubled it (24 GB, out of memory).
    concat!(
        "&A\n+ONE\n",
        "+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n",
        "+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n+&A\n",
    )
    .as_bytes(),
];

/// Runs `target` on `input`; `Err` with the panic's message when it panics.
fn run(target: Target, input: &[u8]) -> Result<Duration, String> {
    let started = Instant::now();
    catch_unwind(AssertUnwindSafe(|| target(input))).map_err(|e| {
        e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_else(|| "a panic".into())
    })?;
    Ok(started.elapsed())
}

/// Tokens the formats give meaning to, for insertion.
const TOKENS: &[&[u8]] = &[
    b"<", b">", b"</", b"/>", b"&", b"&amp;", b"&#", b";", b"]]>", b"<![CDATA[", b"<!--", b"-->", b"<item>", b"</item>", b"<entry>",
    b"<Sentence id=\"", b"</Sentence>", b"<Text>", b"date=\"", b"{", b"}", b"[", b"]", b"\"", b"\\", b"\\u", b":", b",", b"\n", b"\r\n",
    b"\t", b"\x00", b"\xc3\xa9", b"\xe2\x80\x99", b"\xf0\x9f\x92\xa5", b"\xff", b"---", b"+", b"-", b"*", b"#", b"~", b"!", b"@", b"%",
    b"=", b"|", b"[USA]", b"[070]", b" ", b"0", b"99999999999999999999",
];

/// A coverage-less mutator: xorshift randomness over byte-level edits.
struct Mutator(u64);

impl Mutator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One to four edits of `input`; `others` are spliced from.
    fn mutate(&mut self, input: &mut Vec<u8>, others: &[Vec<u8>]) {
        for _ in 0..1 + self.below(4) {
            let len = input.len();
            match self.below(9) {
                0 if len > 0 => {
                    let i = self.below(len);
                    input[i] ^= 1 << self.below(8);
                }
                1 if len > 0 => {
                    let i = self.below(len);
                    input[i] = self.next() as u8;
                }
                2 => {
                    let at = self.below(len + 1);
                    let n = 1 + self.below(8);
                    let bytes: Vec<u8> = (0..n).map(|_| self.next() as u8).collect();
                    input.splice(at..at, bytes);
                }
                3 if len > 0 => {
                    let at = self.below(len);
                    let n = 1 + self.below((len - at).min(64));
                    input.drain(at..at + n);
                }
                4 if len > 0 => {
                    // A range repeated: long lines, deep nesting.
                    let at = self.below(len);
                    let n = 1 + self.below((len - at).min(32));
                    let piece = input[at..at + n].to_vec();
                    let times = 1 + self.below(64);
                    let insert: Vec<u8> = piece.iter().copied().cycle().take(n * times).collect();
                    input.splice(at..at, insert);
                }
                5 | 6 => {
                    let at = self.below(len + 1);
                    let token = TOKENS[self.below(TOKENS.len())];
                    input.splice(at..at, token.iter().copied());
                }
                7 if !others.is_empty() => {
                    let other = &others[self.below(others.len())];
                    if !other.is_empty() {
                        let from = self.below(other.len());
                        let n = 1 + self.below((other.len() - from).min(256));
                        let at = self.below(len + 1);
                        input.splice(at..at, other[from..from + n].iter().copied());
                    }
                }
                _ if len > 0 => input.truncate(self.below(len)),
                _ => {}
            }
        }
    }
}

/// Fuzzes the named target for `PARLEY_FUZZ_SECONDS` (default 60).
fn fuzz(name: &str) {
    let seconds: u64 = std::env::var("PARLEY_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let (_, target, seeds) = targets().into_iter().find(|(n, ..)| *n == name).expect("a target");
    let mut m = Mutator(0x5DEE_CE66_D1CE_4E5B ^ (seconds << 20) ^ name.len() as u64 ^ std::process::id() as u64);
    let mut pool: Vec<Vec<u8>> = seeds.clone();
    let started = Instant::now();
    let (mut runs, mut slowest) = (0u64, Duration::ZERO);
    while started.elapsed() < Duration::from_secs(seconds) {
        let parent = &pool[m.below(pool.len())];
        let mut input = parent.clone();
        m.mutate(&mut input, &seeds);
        if input.len() > 64 << 10 {
            input.truncate(64 << 10);
        }
        match run(target, &input) {
            Ok(took) => {
                slowest = slowest.max(took);
                if took > Duration::from_secs(10) {
                    fail(name, &input, &format!("took {:.1} s", took.as_secs_f64()));
                }
            }
            Err(why) => fail(name, &input, &why),
        }
        runs += 1;
        // The pool walks on: a bounded set of recent mutants besides the seeds.
        if pool.len() < seeds.len() + 256 {
            pool.push(input);
        } else {
            let i = seeds.len() + m.below(256);
            pool[i] = input;
        }
    }
    eprintln!("fuzz {name}: {runs} inputs in {:.0} s, slowest {:.1} ms, no crash", started.elapsed().as_secs_f64(), slowest.as_secs_f64() * 1e3);
}

fn fail(name: &str, input: &[u8], why: &str) -> ! {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
    let _ = std::fs::create_dir_all(&dir);
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in input {
        hash = (hash ^ *b as u64).wrapping_mul(0x100000001b3);
    }
    let path = dir.join(format!("{name}-{hash:016x}.bin"));
    let _ = std::fs::write(&path, input);
    panic!("fuzz {name}: {why}; the input is in {} ({:?})", path.display(), String::from_utf8_lossy(&input[..input.len().min(200)]));
}

#[test]
fn fuzz_regressions() {
    for (name, target, seeds) in targets() {
        for input in REGRESSIONS.iter().copied().chain(seeds.iter().map(Vec::as_slice)) {
            if let Err(why) = run(target, input) {
                panic!("{name} on {:?}: {why}", String::from_utf8_lossy(input));
            }
        }
    }
}

/// Replays the inputs a fuzz run saved (`target/fuzz-crashes/NAME-HASH.bin`)
/// through their target, printing each one's time: `cargo test --release -p
/// parley-cli --bin parley -- --ignored fuzz_replay --nocapture`.
#[test]
#[ignore = "replays target/fuzz-crashes/: run it by hand after a failed fuzz run"]
fn fuzz_replay() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let targets = targets();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((_, target, _)) = targets.iter().find(|(t, ..)| name.strip_prefix(t).is_some_and(|rest| rest.starts_with('-'))) else { continue };
        let input = std::fs::read(entry.path()).expect("a saved input");
        match run(*target, &input) {
            Ok(took) => eprintln!("{name}: {:.1} ms, no crash", took.as_secs_f64() * 1e3),
            Err(why) => eprintln!("{name}: {why}"),
        }
    }
}

#[test]
fn deep_nesting_is_read_on_a_small_stack() {
    // A debug test thread's 2 MiB stack once overflowed in the PETRARCH target:
    // roxmltree recurses once per open element. Every target now reads the
    // fuzzer's largest input (64 KiB) of start tags, brackets and braces on a
    // 512 KiB thread, debug or release.
    let inputs: Vec<Vec<u8>> = ["<Sentence>", "<item>", "<a>", "[", "{\"text\":"]
        .iter()
        .map(|piece| format!("<Sentences><rss>{}", piece.repeat((64 << 10) / piece.len())).into_bytes())
        .collect();
    let thread = std::thread::Builder::new().stack_size(512 << 10).spawn(move || {
        for (name, target, _) in targets() {
            for input in &inputs {
                if let Err(why) = run(target, input) {
                    panic!("{name} on {:?}...: {why}", String::from_utf8_lossy(&input[..40]));
                }
            }
        }
    });
    thread.expect("a thread").join().expect("no panic");
}

#[test]
#[ignore = "runs PARLEY_FUZZ_SECONDS (60 s by default): scripts/test-all runs it"]
fn fuzz_json_lines() {
    fuzz("json_lines");
}

#[test]
#[ignore = "runs PARLEY_FUZZ_SECONDS (60 s by default): scripts/test-all runs it"]
fn fuzz_feed() {
    fuzz("feed");
}

#[test]
#[ignore = "runs PARLEY_FUZZ_SECONDS (60 s by default): scripts/test-all runs it"]
fn fuzz_petrarch() {
    fuzz("petrarch");
}

#[test]
#[ignore = "runs PARLEY_FUZZ_SECONDS (60 s by default): scripts/test-all runs it"]
fn fuzz_tabari() {
    fuzz("tabari");
}

#[test]
#[ignore = "runs PARLEY_FUZZ_SECONDS (60 s by default): scripts/test-all runs it"]
fn fuzz_lexicon_format() {
    fuzz("lexicon_format");
}
