//! Tidy tables written as CSV or Parquet (`--format csv|parquet`), from one description of
//! their columns. CSV keeps the text the project has always written (values rounded as
//! their unit calls for); Parquet keeps typed columns and the values unrounded, so that
//! pandas (pyarrow) and R's arrow read numbers, not text. A Parquet table is buffered a row
//! group at a time ([`ROW_GROUP_ROWS`]), so memory stays bounded.

use crate::model::indicators::Unit;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use std::io::Write;
use std::sync::Arc;

/// The format of a run's or a sweep's tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated text (the default).
    #[default]
    Csv,
    /// Apache Parquet, Snappy-compressed, typed columns.
    Parquet,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }
}

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// A whole number that may be missing ("not applicable": an empty CSV cell, a Parquet
    /// null), 32 bits.
    OptInt,
    /// A whole number, 64 bits.
    Int,
    /// An unsigned whole number, 64 bits (a seed).
    UInt,
    /// A decimal number.
    Real,
}

/// One cell of a row.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    /// Text.
    Text(&'a str),
    /// A whole number that may be missing.
    OptInt(Option<i32>),
    /// A whole number.
    Int(i64),
    /// An unsigned whole number.
    UInt(u64),
    /// A decimal number; CSV writes it with the decimals of `unit`
    /// ([`super::format_value`]), Parquet as it is.
    Real(f64, Unit),
}

/// Rows per Parquet row group.
pub const ROW_GROUP_ROWS: usize = 65_536;

enum Column {
    Text(Vec<ByteArray>),
    OptInt(Vec<i32>, Vec<i16>),
    Int(Vec<i64>),
    Real(Vec<f64>),
}

/// A table being written.
pub struct Table<W: Write + Send> {
    inner: Inner<W>,
    kinds: Vec<Kind>,
}

enum Inner<W: Write + Send> {
    Csv(csv::Writer<W>),
    Parquet {
        writer: SerializedFileWriter<W>,
        columns: Vec<Column>,
        rows: usize,
    },
}

fn parquet_error(e: parquet::errors::ParquetError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl<W: Write + Send> Table<W> {
    /// A table of `columns` (name and type) written to `w` in `format`.
    pub fn new(w: W, format: Format, columns: &[(&str, Kind)]) -> std::io::Result<Table<W>> {
        let kinds: Vec<Kind> = columns.iter().map(|c| c.1).collect();
        let inner = match format {
            Format::Csv => {
                let mut c = csv::Writer::from_writer(w);
                c.write_record(columns.iter().map(|c| c.0))?;
                Inner::Csv(c)
            }
            Format::Parquet => {
                let schema = schema(columns).map_err(parquet_error)?;
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_created_by(format!("wijksim {}", env!("CARGO_PKG_VERSION")))
                    .build();
                let writer =
                    SerializedFileWriter::new(w, schema, Arc::new(props)).map_err(parquet_error)?;
                Inner::Parquet {
                    writer,
                    columns: kinds.iter().map(|k| Column::empty(*k)).collect(),
                    rows: 0,
                }
            }
        };
        Ok(Table { inner, kinds })
    }

    /// Writes one row; its cells must match the columns' types, in order.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> std::io::Result<()> {
        debug_assert_eq!(cells.len(), self.kinds.len());
        match &mut self.inner {
            Inner::Csv(c) => {
                let text = cells.iter().map(|cell| match *cell {
                    Cell::Text(t) => t.to_string(),
                    Cell::OptInt(v) => v.map(|v| v.to_string()).unwrap_or_default(),
                    Cell::Int(v) => v.to_string(),
                    Cell::UInt(v) => v.to_string(),
                    Cell::Real(v, unit) => super::format_value(unit, v),
                });
                c.write_record(text)?;
            }
            Inner::Parquet {
                writer,
                columns,
                rows,
            } => {
                for (col, cell) in columns.iter_mut().zip(cells) {
                    col.push(cell);
                }
                *rows += 1;
                if *rows == ROW_GROUP_ROWS {
                    flush_group(writer, columns)?;
                    *rows = 0;
                }
            }
        }
        Ok(())
    }

    /// Writes what is buffered and the file's footer; returns the writer.
    pub fn finish(self) -> std::io::Result<W> {
        match self.inner {
            Inner::Csv(c) => c
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string())),
            Inner::Parquet {
                mut writer,
                mut columns,
                rows,
            } => {
                if rows > 0 {
                    flush_group(&mut writer, &mut columns)?;
                }
                writer.into_inner().map_err(parquet_error)
            }
        }
    }
}

/// The Parquet schema of `columns`, built field by field (a factor's path, with its dots
/// and brackets, is a column name as it is).
fn schema(columns: &[(&str, Kind)]) -> parquet::errors::Result<Arc<parquet::schema::types::Type>> {
    use parquet::basic::{LogicalType, Repetition, Type as Physical};
    use parquet::schema::types::Type;
    let fields = columns
        .iter()
        .map(|(name, k)| {
            let (physical, logical, repetition) = match k {
                Kind::Text => (
                    Physical::BYTE_ARRAY,
                    Some(LogicalType::String),
                    Repetition::REQUIRED,
                ),
                Kind::OptInt => (Physical::INT32, None, Repetition::OPTIONAL),
                Kind::Int => (Physical::INT64, None, Repetition::REQUIRED),
                Kind::UInt => (
                    Physical::INT64,
                    Some(LogicalType::Integer(parquet::basic::IntType {
                        bit_width: 64,
                        is_signed: false,
                    })),
                    Repetition::REQUIRED,
                ),
                Kind::Real => (Physical::DOUBLE, None, Repetition::REQUIRED),
            };
            Type::primitive_type_builder(name, physical)
                .with_logical_type(logical)
                .with_repetition(repetition)
                .build()
                .map(Arc::new)
        })
        .collect::<parquet::errors::Result<Vec<_>>>()?;
    Ok(Arc::new(
        Type::group_type_builder("wijksim")
            .with_fields(fields)
            .build()?,
    ))
}

impl Column {
    fn empty(k: Kind) -> Column {
        match k {
            Kind::Text => Column::Text(Vec::new()),
            Kind::OptInt => Column::OptInt(Vec::new(), Vec::new()),
            Kind::Int | Kind::UInt => Column::Int(Vec::new()),
            Kind::Real => Column::Real(Vec::new()),
        }
    }

    fn push(&mut self, cell: &Cell<'_>) {
        match (self, *cell) {
            (Column::Text(v), Cell::Text(t)) => v.push(ByteArray::from(t)),
            (Column::OptInt(v, def), Cell::OptInt(x)) => {
                def.push(i16::from(x.is_some()));
                v.extend(x);
            }
            (Column::Int(v), Cell::Int(x)) => v.push(x),
            // Parquet's unsigned 64-bit integers are stored in the signed type's bits.
            (Column::Int(v), Cell::UInt(x)) => v.push(x as i64),
            (Column::Real(v), Cell::Real(x, _)) => v.push(x),
            (_, c) => panic!("a {c:?} cell in a column of another type"),
        }
    }
}

fn flush_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    columns: &mut [Column],
) -> std::io::Result<()> {
    let mut group = writer.next_row_group().map_err(parquet_error)?;
    for col in columns.iter_mut() {
        let mut w = group
            .next_column()
            .map_err(parquet_error)?
            .expect("a writer per column of the schema");
        let written = match col {
            Column::Text(v) => w.typed::<ByteArrayType>().write_batch(v, None, None),
            Column::OptInt(v, def) => w.typed::<Int32Type>().write_batch(v, Some(def), None),
            Column::Int(v) => w.typed::<Int64Type>().write_batch(v, None, None),
            Column::Real(v) => w.typed::<DoubleType>().write_batch(v, None, None),
        };
        written.map_err(parquet_error)?;
        w.close().map_err(parquet_error)?;
        match col {
            Column::Text(v) => v.clear(),
            Column::OptInt(v, def) => {
                v.clear();
                def.clear();
            }
            Column::Int(v) => v.clear(),
            Column::Real(v) => v.clear(),
        }
    }
    group.close().map_err(parquet_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    fn write(format: Format) -> Vec<u8> {
        let cols = [
            ("name", Kind::Text),
            ("quarter", Kind::OptInt),
            ("seed", Kind::UInt),
            ("levers.x[0]", Kind::Real),
        ];
        let mut t = Table::new(Vec::new(), format, &cols).unwrap();
        for i in 0..(ROW_GROUP_ROWS + 3) {
            let q = (i % 2 == 0).then_some(i as i32 % 4);
            t.row(&[
                Cell::Text("city"),
                Cell::OptInt(q),
                Cell::UInt(12431313065537627959),
                Cell::Real(i as f64 / 3.0, Unit::Share),
            ])
            .unwrap();
        }
        t.finish().unwrap()
    }

    #[test]
    fn csv_writes_text_with_empty_cells_and_parquet_reads_back_typed_and_unrounded() {
        let csv = String::from_utf8(write(Format::Csv)).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("name,quarter,seed,levers.x[0]"));
        assert_eq!(lines.next(), Some("city,0,12431313065537627959,0.000000"));
        assert_eq!(lines.next(), Some("city,,12431313065537627959,0.333333"));
        let bytes = write(Format::Parquet);
        assert_eq!(bytes, write(Format::Parquet), "the same bytes every time");
        let mut f = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut f, &bytes).unwrap();
        let r = SerializedFileReader::new(f).unwrap();
        let meta = r.metadata();
        assert_eq!(meta.file_metadata().num_rows(), ROW_GROUP_ROWS as i64 + 3);
        assert_eq!(meta.num_row_groups(), 2);
        let rows: Vec<_> = r.get_row_iter(None).unwrap().take(2).collect();
        let second = rows[1].as_ref().unwrap().to_string();
        assert!(second.contains("quarter: null"), "{second}");
        assert!(second.contains("seed: 12431313065537627959"), "{second}");
        assert!(
            second.contains("levers.x[0]: 0.3333333333333333"),
            "{second}"
        );
    }
}
