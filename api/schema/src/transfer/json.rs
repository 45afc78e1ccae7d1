//! The JSON document: lossless, versioned, deterministic.
//!
//! ```text
//! {
//!   "format_version": 1,
//!   "tables": {
//!     "organizations": [
//!       {"archived_at":null,"code":"UNHCR",...},
//!       ...
//!     ],
//!     ...
//!   }
//! }
//! ```
//!
//! Every table of [`TABLES`] appears, in load order, with its rows ordered by id and each row on
//! one line with its keys sorted: the same data always gives the same bytes, and a diff of two
//! exports shows one line per changed record.
//!
//! Version 2 added `mission_mandates`; a version 1 document is read as if its missions' attribute
//! columns were each mission's first mandate ([`super::legacy`]).
//!
//! The reader streams: it hands each row to a callback as soon as it is parsed, so a document
//! of any size is never held in memory whole. `format_version` must come before `tables`, and
//! tables must come in load order (any of them may be left out).
//!
//! Pure: no database.

use std::io::{Read, Write};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::report::Problem;
use super::rows::{canonical, Row};
use super::tables::{self, TableSpec, TABLES};

/// The version of the document this build writes (and reads).
pub const FORMAT_VERSION: u64 = 2;

/// The version before mandates had their own table: still read, see [`super::legacy`].
pub const LEGACY_FORMAT_VERSION: u64 = 1;

/// Writes a document table by table, in load order: a whole table with [`JsonWriter::table`],
/// or row by row between [`JsonWriter::begin_table`] and [`JsonWriter::end_table`], so that a
/// table need not be held whole.
pub struct JsonWriter<W: Write> {
    out: W,
    next_table: usize,
    /// Rows written in the table begun, if one is.
    open_table: Option<u64>,
}

impl<W: Write> JsonWriter<W> {
    pub fn begin(mut out: W) -> std::io::Result<Self> {
        write!(
            out,
            "{{\n  \"format_version\": {FORMAT_VERSION},\n  \"tables\": {{"
        )?;
        Ok(Self {
            out,
            next_table: 0,
            open_table: None,
        })
    }

    /// Writes the next table; `rows` must already be ordered by id.
    pub fn table<'r>(
        &mut self,
        spec: &TableSpec,
        rows: impl IntoIterator<Item = &'r Row>,
    ) -> std::io::Result<()> {
        self.begin_table(spec)?;
        for row in rows {
            self.row(row)?;
        }
        self.end_table()
    }

    /// Starts the next table, whose rows follow with [`JsonWriter::row`], ordered by id.
    pub fn begin_table(&mut self, spec: &TableSpec) -> std::io::Result<()> {
        let position = tables::position(spec.name).unwrap_or(usize::MAX);
        if self.open_table.is_some() || position < self.next_table {
            return Err(std::io::Error::other(format!(
                "table {} written out of load order",
                spec.name
            )));
        }
        let separator = if self.next_table == 0 { "" } else { "," };
        self.next_table = position + 1;
        self.open_table = Some(0);
        write!(self.out, "{separator}\n    \"{}\": [", spec.name)
    }

    /// Writes one row of the table begun.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        let Some(written) = self.open_table.as_mut() else {
            return Err(std::io::Error::other("a row written outside a table"));
        };
        let separator = if *written == 0 { "" } else { "," };
        *written += 1;
        write!(self.out, "{separator}\n      {}", canonical(row))
    }

    /// Ends the table begun.
    pub fn end_table(&mut self) -> std::io::Result<()> {
        match self.open_table.take() {
            None => Err(std::io::Error::other("no table to end")),
            Some(0) => write!(self.out, "]"),
            Some(_) => write!(self.out, "\n    ]"),
        }
    }

    /// The output, to hand on what was written so far.
    pub fn output(&mut self) -> &mut W {
        &mut self.out
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        if self.open_table.is_some() {
            self.end_table()?;
        }
        write!(self.out, "\n  }}\n}}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// What the reader hands over, in document order.
#[derive(Debug)]
pub enum JsonEvent {
    /// One row of `table`; `index` counts from 1 within the table.
    Row {
        table: &'static TableSpec,
        index: u64,
        value: Value,
    },
    /// The last row of `table` was handed over.
    TableEnd { table: &'static TableSpec },
}

/// The consumer of the events asks the reader to stop (it found problems enough, or went away).
#[derive(Debug, Clone, Copy)]
pub struct Stop;

/// Reads a document from `input`, handing each row to `sink` as it is parsed. A malformed
/// document gives one problem naming the line and column; a `Stop` from the sink ends the
/// reading quietly.
pub fn read<R, F>(file: &str, input: R, sink: F) -> Result<(), Problem>
where
    R: Read,
    F: FnMut(JsonEvent) -> Result<(), Stop>,
{
    let mut input = std::io::BufReader::new(input);
    let head = peek(&mut input).map_err(|e| Problem::file(file, format!("cannot read: {e}")))?;
    if let Some(message) = wrong_encoding(&head) {
        return Err(Problem::file(file, message));
    }
    let mut state = ReadState {
        sink,
        stopped: false,
        legacy: false,
        mandates: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_reader(input);
    let outcome = DocumentSeed { state: &mut state }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    match outcome {
        Ok(()) => Ok(()),
        Err(_) if state.stopped => Ok(()),
        Err(err) => Err(Problem::file(file, describe(&err))),
    }
}

/// The first bytes, without consuming them.
fn peek<R: Read>(input: &mut std::io::BufReader<R>) -> std::io::Result<Vec<u8>> {
    use std::io::BufRead;
    Ok(input.fill_buf()?.iter().take(4).copied().collect())
}

/// A message when the bytes start like UTF-16 or UTF-32, which spreadsheet programs write when
/// asked for "Unicode text".
pub fn wrong_encoding(head: &[u8]) -> Option<String> {
    let utf16 = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || (head.len() >= 2 && (head[0] == 0 || head[1] == 0));
    utf16.then(|| {
        "the file is not UTF-8 (it looks like UTF-16, \"Unicode text\"); save it as UTF-8".into()
    })
}

fn describe(err: &serde_json::Error) -> String {
    let text = err.to_string();
    // serde_json appends " at line L column C"; keep our own order of words.
    let reason = text
        .rsplit_once(" at line ")
        .map(|(r, _)| r.to_owned())
        .unwrap_or(text);
    let reason = if reason.contains("invalid unicode code point") {
        "the text is not valid UTF-8; save the file as UTF-8".to_owned()
    } else {
        reason
    };
    format!("line {}, column {}: {reason}", err.line(), err.column())
}

struct ReadState<F> {
    sink: F,
    stopped: bool,
    /// The document is of version 1.
    legacy: bool,
    /// The first mandates of a version 1 document's missions, handed over after them.
    mandates: Vec<Value>,
}

impl<F: FnMut(JsonEvent) -> Result<(), Stop>> ReadState<F> {
    fn emit<E: de::Error>(&mut self, event: JsonEvent) -> Result<(), E> {
        (self.sink)(event).map_err(|Stop| {
            self.stopped = true;
            E::custom("stopped")
        })
    }
}

struct DocumentSeed<'s, F> {
    state: &'s mut ReadState<F>,
}

impl<'de, F: FnMut(JsonEvent) -> Result<(), Stop>> DeserializeSeed<'de> for DocumentSeed<'_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(JsonEvent) -> Result<(), Stop>> Visitor<'de> for DocumentSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a coordmap document: an object with `format_version` and `tables`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut version = None;
        let mut tables = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format_version" => {
                    let v: u64 = map.next_value()?;
                    if v != FORMAT_VERSION && v != LEGACY_FORMAT_VERSION {
                        return Err(de::Error::custom(format!(
                            "`format_version` {v} is not supported; this coordmap reads versions {LEGACY_FORMAT_VERSION} and {FORMAT_VERSION}"
                        )));
                    }
                    self.state.legacy = v == LEGACY_FORMAT_VERSION;
                    version = Some(v);
                }
                "tables" if version.is_none() => {
                    return Err(de::Error::custom(
                        "`format_version` must come before `tables`",
                    ))
                }
                "tables" => {
                    map.next_value_seed(TablesSeed {
                        state: &mut *self.state,
                    })?;
                    tables = true;
                }
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{other}`; a document has `format_version` and `tables`"
                    )))
                }
            }
        }
        if version.is_none() {
            return Err(de::Error::custom("`format_version` is missing"));
        }
        if !tables {
            return Err(de::Error::custom("`tables` is missing"));
        }
        Ok(())
    }
}

struct TablesSeed<'s, F> {
    state: &'s mut ReadState<F>,
}

impl<'de, F: FnMut(JsonEvent) -> Result<(), Stop>> DeserializeSeed<'de> for TablesSeed<'_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(JsonEvent) -> Result<(), Stop>> Visitor<'de> for TablesSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of table name → array of rows")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut next = 0;
        while let Some(name) = map.next_key::<String>()? {
            let Some(spec) = tables::table(&name) else {
                let known: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
                return Err(de::Error::custom(format!(
                    "unknown table `{name}`; the tables are {}",
                    known.join(", ")
                )));
            };
            if self.state.legacy && spec.name == MANDATES {
                return Err(de::Error::custom(format!(
                    "a document of `format_version` {LEGACY_FORMAT_VERSION} has no table `{MANDATES}`: its missions carry their attributes"
                )));
            }
            let position = tables::position(spec.name).unwrap_or(0);
            if position < next {
                return Err(de::Error::custom(format!(
                    "table `{name}` comes too late: tables must come in the order {}",
                    TABLES.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
                )));
            }
            next = position + 1;
            if self.state.legacy && tables::position(MANDATES).is_some_and(|m| position > m) {
                self.state.emit_legacy_mandates()?;
            }
            map.next_value_seed(RowsSeed {
                table: spec,
                state: &mut *self.state,
            })?;
            self.state.emit(JsonEvent::TableEnd { table: spec })?;
        }
        if self.state.legacy {
            self.state.emit_legacy_mandates()?;
        }
        Ok(())
    }
}

/// The table a version 1 document's mission attributes move to.
const MANDATES: &str = "mission_mandates";

impl<F: FnMut(JsonEvent) -> Result<(), Stop>> ReadState<F> {
    /// Hands over the first mandates split from a version 1 document's missions, if any are
    /// waiting, as their table (in its place in the load order: before the first table after it).
    fn emit_legacy_mandates<E: de::Error>(&mut self) -> Result<(), E> {
        if self.mandates.is_empty() {
            return Ok(());
        }
        let Some(table) = tables::table(MANDATES) else {
            return Err(E::custom("no mandate table"));
        };
        for (index, value) in std::mem::take(&mut self.mandates).into_iter().enumerate() {
            self.emit(JsonEvent::Row {
                table,
                index: index as u64 + 1,
                value,
            })?;
        }
        self.emit(JsonEvent::TableEnd { table })
    }
}

struct RowsSeed<'s, F> {
    table: &'static TableSpec,
    state: &'s mut ReadState<F>,
}

impl<'de, F: FnMut(JsonEvent) -> Result<(), Stop>> DeserializeSeed<'de> for RowsSeed<'_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(JsonEvent) -> Result<(), Stop>> Visitor<'de> for RowsSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an array of {} rows", self.table.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            index += 1;
            let value = if self.state.legacy && self.table.name == "missions" {
                let (mission, mandate) = super::legacy::split_mission(value);
                self.state.mandates.extend(mandate);
                mission
            } else {
                value
            };
            self.state.emit(JsonEvent::Row {
                table: self.table,
                index,
                value,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn events(text: &str) -> Result<Vec<String>, Problem> {
        let mut seen = Vec::new();
        read("doc.json", text.as_bytes(), |event| {
            seen.push(match event {
                JsonEvent::Row {
                    table,
                    index,
                    value,
                } => {
                    format!("{} {index} {}", table.name, value)
                }
                JsonEvent::TableEnd { table } => format!("end {}", table.name),
            });
            Ok(())
        })?;
        Ok(seen)
    }

    #[test]
    fn written_documents_read_back_row_by_row() {
        let mut writer = JsonWriter::begin(Vec::new()).unwrap();
        for spec in TABLES {
            let rows: Vec<Row> = if spec.name == "organizations" {
                vec![
                    json!({"id": "a", "code": "UNHCR"})
                        .as_object()
                        .unwrap()
                        .clone(),
                    json!({"code": "OCHA", "id": "b"})
                        .as_object()
                        .unwrap()
                        .clone(),
                ]
            } else {
                Vec::new()
            };
            writer.table(spec, &rows).unwrap();
        }
        let bytes = writer.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with(
            "{\n  \"format_version\": 2,\n  \"tables\": {\n    \"organizations\": [\n      {\"code\":\"UNHCR\",\"id\":\"a\"},\n      {\"code\":\"OCHA\",\"id\":\"b\"}\n    ],\n    \"geographic_areas\": [],"
        ), "{text}");
        let seen = events(&text).unwrap();
        assert_eq!(seen[0], r#"organizations 1 {"code":"UNHCR","id":"a"}"#);
        assert_eq!(seen[1], r#"organizations 2 {"code":"OCHA","id":"b"}"#);
        assert_eq!(seen[2], "end organizations");
        assert_eq!(seen.len(), 2 + TABLES.len());
    }

    #[test]
    fn a_version_1_document_gives_each_mission_its_first_mandate_after_the_names() {
        let text = r#"{"format_version": 1, "tables": {
            "missions": [{"id": "01937b2e-0000-7000-8000-000000000001", "poc_mandate": true}],
            "mission_names": [{"id": "n"}],
            "components": []
        }}"#;
        let seen = events(text).unwrap();
        let tables: Vec<String> = seen
            .iter()
            .map(|e| e.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            tables,
            [
                "missions 1",
                "end missions",
                "mission_names 1",
                "end mission_names",
                "mission_mandates 1",
                "end mission_mandates",
                "end components"
            ]
        );
        assert!(!seen[0].contains("poc_mandate"), "{}", seen[0]);
        assert!(seen[4].contains(r#""poc_mandate":true"#), "{}", seen[4]);
        let refused = events(r#"{"format_version": 1, "tables": {"mission_mandates": []}}"#);
        assert_eq!(
            refused.unwrap_err().to_string(),
            "doc.json: line 1, column 52: a document of `format_version` 1 has no table `mission_mandates`: its missions carry their attributes"
        );
    }

    #[test]
    fn malformed_documents_are_refused_with_their_place() {
        let cases = [
            (
                r#"{"tables": {}}"#,
                "doc.json: line 1, column 10: `format_version` must come before `tables`",
            ),
            (
                r#"{"format_version": 3, "tables": {}}"#,
                "doc.json: line 1, column 21: `format_version` 3 is not supported; this coordmap reads versions 1 and 2",
            ),
            (
                "{\"format_version\": 2,\n \"tables\": {\"forums\": [], \"missions\": []}}",
                "doc.json: line 2, column 37: table `missions` comes too late: tables must come in the order organizations, geographic_areas, missions, mission_names, mission_mandates, components, posts, post_hats, persons, assignments, reporting_lines, mandated_tasks, clusters, areas_of_responsibility, lead_agencies, forums, forum_links, forum_memberships, decision_areas, decision_rights, documents, source_citations",
            ),
            (
                r#"{"format_version": 1, "tables": {"audit_log": []}}"#,
                "doc.json: line 1, column 45: unknown table `audit_log`; the tables are organizations, geographic_areas, missions, mission_names, mission_mandates, components, posts, post_hats, persons, assignments, reporting_lines, mandated_tasks, clusters, areas_of_responsibility, lead_agencies, forums, forum_links, forum_memberships, decision_areas, decision_rights, documents, source_citations",
            ),
            (
                r#"{"format_version": 1, "tables": {"forums": [{}, ]}}"#,
                "doc.json: line 1, column 49: trailing comma",
            ),
            (
                r#"{"format_version": 1}"#,
                "doc.json: line 1, column 21: `tables` is missing",
            ),
        ];
        let got: Vec<String> = cases
            .iter()
            .map(|(text, _)| events(text).unwrap_err().to_string())
            .collect();
        let expected: Vec<&str> = cases.iter().map(|(_, e)| *e).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn other_encodings_are_named() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "{\"format_version\": 1}".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let err = read("doc.json", utf16.as_slice(), |_| Ok(())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "doc.json: the file is not UTF-8 (it looks like UTF-16, \"Unicode text\"); save it as UTF-8"
        );
        let latin1 =
            b"{\"format_version\": 1, \"tables\": {\"forums\": [{\"name\": \"Comit\xe9\"}]}}";
        let err = read("doc.json", &latin1[..], |_| Ok(())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "doc.json: line 1, column 60: the text is not valid UTF-8; save the file as UTF-8"
        );
    }

    /// The reader hands rows over as it parses them: 100,000 generated rows stream through it
    /// without the document ever existing whole.
    #[test]
    fn the_reader_streams_a_hundred_thousand_rows() {
        struct Generated {
            next: u64,
            pending: Vec<u8>,
        }
        impl Read for Generated {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.pending.is_empty() {
                    self.pending = match self.next {
                        0 => b"{\"format_version\": 1, \"tables\": {\"forum_memberships\": ["
                            .to_vec(),
                        n if n <= 100_000 => {
                            let comma = if n == 1 { "" } else { "," };
                            format!("{comma}\n{{\"id\":{n},\"capacity\":\"MEMBER\"}}").into_bytes()
                        }
                        100_001 => b"]}}".to_vec(),
                        _ => return Ok(0),
                    };
                    self.next += 1;
                }
                let n = buf.len().min(self.pending.len());
                buf[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                Ok(n)
            }
        }
        let mut rows = 0;
        let mut last = 0;
        read(
            "big.json",
            Generated {
                next: 0,
                pending: Vec::new(),
            },
            |event| {
                if let JsonEvent::Row { index, value, .. } = event {
                    rows += 1;
                    last = index;
                    assert_eq!(value["id"], json!(index));
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!((rows, last), (100_000, 100_000));
    }

    #[test]
    fn the_sink_can_stop_the_reading() {
        let text = r#"{"format_version": 1, "tables": {"forums": [{}, {}, {}]}}"#;
        let mut rows = 0;
        read("doc.json", text.as_bytes(), |_| {
            rows += 1;
            if rows == 2 {
                Err(Stop)
            } else {
                Ok(())
            }
        })
        .unwrap();
        assert_eq!(rows, 2);
    }
}
