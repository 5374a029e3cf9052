//! A progress bar on standard error for long runs of `parley code` and
//! `parley ingest`: documents, events, rate and time left, redrawn in place
//! at most ten times a second. Silent when standard error is not a terminal
//! (logs and pipes get no control characters) or with `--quiet`.

use parley_brief::thousands;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// What has been done so far.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Done {
    pub documents: u64,
    pub events: u64,
    /// Input bytes read, and the inputs' total size when known.
    pub bytes: u64,
    pub total_bytes: Option<u64>,
}

/// The bar; draws nothing when disabled.
pub struct Progress {
    enabled: bool,
    started: Instant,
    drawn: Option<Instant>,
}

const WIDTH: usize = 24;

impl Progress {
    /// Enabled when standard error is a terminal and `quiet` is not set.
    pub fn new(quiet: bool) -> Progress {
        Progress { enabled: !quiet && std::io::stderr().is_terminal(), started: Instant::now(), drawn: None }
    }

    /// Redraws the bar, unless it was drawn less than 100 ms ago.
    pub fn update(&mut self, done: Done) {
        if !self.enabled || self.drawn.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.drawn = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{}", line(done, self.started.elapsed()));
        let _ = err.flush();
    }

    /// Clears the bar, leaving the line free for a summary.
    pub fn finish(&mut self) {
        if self.enabled && self.drawn.is_some() {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}

/// `[#######.................]  29%  1,204 documents  3,310 events  412 docs/s  ETA 0:07`
/// (without a known size: no bar, no ETA).
pub fn line(done: Done, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    let rate = done.documents as f64 / secs;
    let counts = format!("{} documents  {} events  {:.0} docs/s", thousands(done.documents), thousands(done.events), rate);
    match done.total_bytes.filter(|t| *t > 0) {
        Some(total) => {
            let fraction = (done.bytes as f64 / total as f64).clamp(0.0, 1.0);
            let filled = (fraction * WIDTH as f64).round() as usize;
            let eta = if fraction > 0.0 { secs * (1.0 - fraction) / fraction } else { 0.0 };
            format!(
                "[{}{}] {:>3.0}%  {counts}  ETA {}",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                fraction * 100.0,
                clock(eta)
            )
        }
        None => counts,
    }
}

/// Seconds as `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_share_rate_and_time_left() {
        let done = Done { documents: 1200, events: 3400, bytes: 250, total_bytes: Some(1000) };
        let l = line(done, Duration::from_secs(10));
        assert!(l.starts_with("[######..................]  25%"), "{l}");
        assert!(l.contains("1,200 documents  3,400 events  120 docs/s"), "{l}");
        assert!(l.ends_with("ETA 0:30"), "a quarter in 10 s leaves 30 s: {l}");
    }

    #[test]
    fn without_a_size_there_is_no_bar() {
        let l = line(Done { documents: 5, events: 7, bytes: 100, total_bytes: None }, Duration::from_secs(1));
        assert_eq!(l, "5 documents  7 events  5 docs/s");
    }

    #[test]
    fn durations_read_as_clocks() {
        assert_eq!(clock(5.0), "0:05");
        assert_eq!(clock(125.4), "2:05");
        assert_eq!(clock(3725.0), "1:02:05");
    }
}
