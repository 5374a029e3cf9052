//! # parley-python: parley's `Coder`, called from Python
//!
//! The extension module `parley._parley` behind the `parley` Python package
//! (`python/parley/`). It is a thin layer over the library API the CLI uses:
//! documents are read as [`parley::Document::from_json`] (the CLI's JSON-lines
//! reader) reads them (their dates go through it; see [`docs::document`]), coded
//! by [`parley::Coder::code_all`] on rayon threads, and events leave as the serde
//! JSON of [`parley::Event`] (the CLI's output, byte for byte) or as Arrow record
//! batches whose schema is traced from the same serde types.
//!
//! Features: `python` (the PyO3 module), `arrow` (events as Arrow record
//! batches), `pyarrow` (both, plus the pyarrow C data interface), and
//! `extension-module`, which maturin turns on. With no features (what
//! `cargo build --workspace` does) the crate is plain Rust with no Python or
//! Arrow dependency, so the workspace builds on machines without Python.

pub mod docs;

/// The CLI's allocator, for the same speed (Rust allocations of the module only).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "arrow")]
pub mod arrow;

#[cfg(feature = "python")]
mod py;
