//! What the command-line tests share: running the binary, and finding the
//! data in `../shared` (read in place, never copied into the repository).

#![allow(dead_code)] // each test file uses a part of it

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs `parley args` with `stdin` as its standard input.
pub fn parley(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parley"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parley");
    // A command that fails early may close its input first: that is not an error here.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// `../shared/<path>` when it is there; otherwise says that the test calling
/// it is skipped. In CI (`CI` set) the data must be there: a missing
/// `../shared` fails the test instead of passing it unseen.
pub fn shared(path: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(path);
    if !path.exists() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing, and CI needs it", path.display());
        eprintln!("skipped: {} is not present", path.display());
    }
    path.exists().then_some(path)
}
