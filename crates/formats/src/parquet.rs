//! Parquet files of events, with the nested schema of the Python package's
//! Arrow output (`parley.event_schema()`, from `parley-arrow`): one row per
//! event, nested objects as structs, spans as `list<int64>`, enums as
//! strings. `pandas.read_parquet`, Spark and DuckDB read it as it is.
//!
//! Events are written in row groups of [`ROWS_PER_GROUP`], Snappy
//! compressed: memory stays bounded by one group, whatever the export's size.

use parley::Event;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;

/// Events gathered before a record batch is written.
pub const ROWS_PER_GROUP: usize = 16_384;

/// Writes events to a Parquet stream, a row group at a time.
pub struct ParquetWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    pending: Vec<Event>,
    rows: usize,
}

impl<W: Write + Send> ParquetWriter<W> {
    /// A writer of the event schema to `out`.
    pub fn new(out: W) -> Result<ParquetWriter<W>, String> {
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).set_max_row_group_row_count(Some(ROWS_PER_GROUP)).build();
        let writer = ArrowWriter::try_new(out, parley_arrow::event_schema(), Some(props)).map_err(|e| format!("parquet: {e}"))?;
        Ok(ParquetWriter { writer, pending: Vec::with_capacity(ROWS_PER_GROUP), rows: 0 })
    }

    /// Adds an event.
    pub fn write(&mut self, event: Event) -> Result<(), String> {
        self.pending.push(event);
        if self.pending.len() >= ROWS_PER_GROUP {
            self.flush_pending()?;
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> Result<(), String> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = parley_arrow::events_batch(&self.pending)?;
        self.writer.write(&batch).map_err(|e| format!("parquet: {e}"))?;
        self.rows += self.pending.len();
        self.pending.clear();
        Ok(())
    }

    /// Writes what is left and the file's footer; returns the rows written.
    pub fn finish(mut self) -> Result<usize, String> {
        self.flush_pending()?;
        self.writer.close().map_err(|e| format!("parquet: {e}"))?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn events_written_read_back_with_the_python_schema() {
        let coder = parley::Coder::builtin().unwrap();
        let doc = parley::Document::new("d1", "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday, killing 7. Ukraine asked the United Nations to mediate.")
            .with_date("2024-03-07".parse().unwrap());
        let events = coder.code(&doc);
        let path = std::env::temp_dir().join(format!("parley-parquet-test-{}.parquet", std::process::id()));
        let mut w = ParquetWriter::new(std::fs::File::create(&path).unwrap()).unwrap();
        for e in &events {
            w.write(e.clone()).unwrap();
        }
        assert_eq!(w.finish().unwrap(), events.len());
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap().build().unwrap();
        let batches: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), events.len());
        assert_eq!(batches[0].schema().fields(), parley_arrow::event_schema().fields());
        assert_eq!(batches[0], parley_arrow::events_batch(&events).unwrap());
        let _ = std::fs::remove_file(path);
    }
}
