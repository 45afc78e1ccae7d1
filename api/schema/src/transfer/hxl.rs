//! CSV sheets with an HXL hashtag row (the Humanitarian Exchange Language convention): a row of
//! human-readable headers, then a row of hashtags (`#org+code`, `#date+start`), then the data.
//! Columns are found by their hashtag, not their header or position, so users may rename headers,
//! reorder columns and keep columns of their own (untagged or with tags we do not read).
//!
//! One sheet per table people keep in spreadsheets; every column and tag is documented in
//! `docs/HXL.md`. References are natural keys (mission acronym, organisation code, forum name
//! within a mission, post title within a mission), never ids.
//!
//! The reader streams: it holds one row at a time. Pure: no database.

use std::collections::BTreeSet;
use std::io::Read;

use chrono::NaiveDate;
use sea_orm::{ActiveEnum, Iterable};

use super::json::wrong_encoding;
use super::report::Problem;

/// Rows searched for the hashtag row (the HXL convention allows up to 24 header rows before it).
const TAG_ROW_SEARCH: u64 = 25;

/// One column of a sheet.
#[derive(Debug)]
pub struct SheetColumn {
    /// What the column means to the importer (`mission`, `start`).
    pub key: &'static str,
    /// The header written on export.
    pub header: &'static str,
    /// The HXL tag that identifies the column.
    pub tag: &'static str,
    pub required: bool,
    /// The database column the cell fills, when it fills one directly (`valid_from`).
    pub column: &'static str,
}

/// One kind of sheet: a file per table.
#[derive(Debug)]
pub struct Sheet {
    /// The file name without `.csv`, also the table it fills.
    pub name: &'static str,
    pub columns: &'static [SheetColumn],
}

impl Sheet {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub fn column(&self, key: &str) -> Option<&'static SheetColumn> {
        self.columns.iter().find(|c| c.key == key)
    }
}

const fn col(
    key: &'static str,
    header: &'static str,
    tag: &'static str,
    required: bool,
    column: &'static str,
) -> SheetColumn {
    SheetColumn {
        key,
        header,
        tag,
        required,
        column,
    }
}

const START: SheetColumn = col("start", "Start", "#date+start", true, "valid_from");
const END: SheetColumn = col("end", "End", "#date+end", false, "valid_to");
const SENSITIVITY: SheetColumn = col(
    "sensitivity",
    "Sensitivity",
    "#meta+sensitivity",
    false,
    "sensitivity",
);

pub const ORGANIZATIONS: Sheet = Sheet {
    name: "organizations",
    columns: &[
        col("code", "Code", "#org+code", true, "code"),
        col("name", "Name", "#org+name", true, "name"),
        col("kind", "Kind", "#org+type", true, "kind"),
        col(
            "parent",
            "Parent organisation",
            "#org+code+parent",
            false,
            "parent_id",
        ),
        col("country", "Country", "#country+code", false, "country_code"),
        col(
            "description",
            "Description",
            "#description",
            false,
            "description",
        ),
        SENSITIVITY,
    ],
};

pub const POSTS: Sheet = Sheet {
    name: "posts",
    columns: &[
        col(
            "mission",
            "Mission",
            "#org+mission+code",
            false,
            "mission_id",
        ),
        col(
            "organization",
            "Organisation",
            "#org+code",
            false,
            "organization_id",
        ),
        col("title", "Title", "#x_post+title", true, "title"),
        col(
            "component",
            "Component",
            "#x_component+name",
            false,
            "component_id",
        ),
        col(
            "head",
            "Heads the component",
            "#x_post+head",
            false,
            "is_component_head",
        ),
        col("area", "Area", "#adm1+code", false, "geographic_area_id"),
        START,
        END,
        SENSITIVITY,
    ],
};

pub const REPORTING_LINES: Sheet = Sheet {
    name: "reporting_lines",
    columns: &[
        col("mission", "Mission", "#org+mission+code", true, ""),
        col(
            "from_post",
            "From post",
            "#x_post+title+from",
            false,
            "from_post_id",
        ),
        col(
            "from_component",
            "From component",
            "#x_component+name+from",
            false,
            "from_component_id",
        ),
        col(
            "to_post",
            "To post",
            "#x_post+title+to",
            false,
            "to_post_id",
        ),
        col(
            "to_organization",
            "To organisation",
            "#org+code+to",
            false,
            "to_organization_id",
        ),
        col("kind", "Kind", "#x_reporting+type", true, "kind"),
        col("note", "Note", "#description", false, "note"),
        START,
        END,
        SENSITIVITY,
    ],
};

pub const FORUMS: Sheet = Sheet {
    name: "forums",
    columns: &[
        col(
            "mission",
            "Mission",
            "#org+mission+code",
            false,
            "mission_id",
        ),
        col("name", "Name", "#x_forum+name", true, "name"),
        col("acronym", "Acronym", "#x_forum+acronym", false, "acronym"),
        col("kind", "Kind", "#x_forum+type", true, "kind"),
        col("level", "Level", "#x_forum+level", true, "level"),
        col(
            "cluster",
            "Cluster",
            "#sector+cluster+code",
            false,
            "cluster_id",
        ),
        col(
            "aor",
            "Area of responsibility",
            "#subsector+aor+name",
            false,
            "area_of_responsibility_id",
        ),
        col("area", "Area", "#adm1+code", false, "geographic_area_id"),
        col(
            "established_by_post",
            "Established by post",
            "#x_post+title+established_by",
            false,
            "established_by_post_id",
        ),
        col(
            "established_by_organization",
            "Established by organisation",
            "#org+code+established_by",
            false,
            "established_by_organization_id",
        ),
        col(
            "open",
            "Open to external actors",
            "#x_forum+open",
            false,
            "open_to_external",
        ),
        col(
            "standing",
            "Standing",
            "#x_forum+standing",
            false,
            "standing",
        ),
        col(
            "frequency",
            "Meeting frequency",
            "#x_forum+frequency",
            false,
            "meeting_frequency",
        ),
        col(
            "purpose",
            "Purpose",
            "#description+purpose",
            false,
            "purpose",
        ),
        START,
        END,
        SENSITIVITY,
    ],
};

pub const FORUM_LINKS: Sheet = Sheet {
    name: "forum_links",
    columns: &[
        col("mission", "Mission", "#org+mission+code", false, ""),
        col("forum", "Forum", "#x_forum+name", true, "forum_id"),
        col("kind", "Link", "#x_forum+link+type", true, "kind"),
        col(
            "target_mission",
            "Target mission",
            "#org+mission+code+target",
            false,
            "",
        ),
        col(
            "target",
            "Target forum",
            "#x_forum+name+target",
            true,
            "target_forum_id",
        ),
        START,
        END,
        SENSITIVITY,
    ],
};

pub const FORUM_MEMBERSHIPS: Sheet = Sheet {
    name: "forum_memberships",
    columns: &[
        col("mission", "Mission", "#org+mission+code", false, ""),
        col("forum", "Forum", "#x_forum+name", true, "forum_id"),
        col(
            "member_organization",
            "Member organisation",
            "#org+code+member",
            false,
            "member_organization_id",
        ),
        col(
            "member_component",
            "Member component",
            "#x_component+name+member",
            false,
            "member_component_id",
        ),
        col(
            "member_post",
            "Member post",
            "#x_post+title+member",
            false,
            "member_post_id",
        ),
        col("capacity", "Capacity", "#x_capacity", true, "capacity"),
        col("note", "Note", "#description", false, "note"),
        START,
        END,
        SENSITIVITY,
    ],
};

pub const LEAD_AGENCIES: Sheet = Sheet {
    name: "lead_agencies",
    columns: &[
        col(
            "cluster",
            "Cluster",
            "#sector+cluster+code",
            true,
            "cluster_id",
        ),
        col(
            "aor",
            "Area of responsibility",
            "#subsector+aor+name",
            false,
            "area_of_responsibility_id",
        ),
        col(
            "organization",
            "Lead organisation",
            "#org+code+lead",
            false,
            "organization_id",
        ),
        col("mission", "Mission", "#org+mission+code", false, ""),
        col(
            "component",
            "Lead component",
            "#x_component+name+lead",
            false,
            "component_id",
        ),
        col("role", "Role", "#x_lead+role", true, "role"),
        START,
        END,
        SENSITIVITY,
    ],
};

/// Every sheet, in the order a directory of sheets is imported.
pub const SHEETS: [&Sheet; 7] = [
    &ORGANIZATIONS,
    &POSTS,
    &REPORTING_LINES,
    &FORUMS,
    &FORUM_LINKS,
    &FORUM_MEMBERSHIPS,
    &LEAD_AGENCIES,
];

pub fn sheet(name: &str) -> Option<&'static Sheet> {
    SHEETS.iter().copied().find(|s| s.name == name)
}

/// The sheet a file is named after (`forum_memberships.csv`, any directory, any case).
pub fn sheet_of_file(file: &str) -> Option<&'static Sheet> {
    let name = std::path::Path::new(file)
        .file_stem()?
        .to_str()?
        .to_lowercase();
    sheet(&name)
}

/// A hashtag with its attributes, in the form two tags compare by: lower case, no spaces,
/// attributes sorted (HXL gives attribute order no meaning).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    pub hashtag: String,
    pub attributes: BTreeSet<String>,
}

impl Tag {
    /// Parses `#org +code`; `None` when the text is not a tag.
    pub fn parse(text: &str) -> Option<Tag> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let rest = compact.strip_prefix('#')?;
        let mut parts = rest.split('+');
        let hashtag = parts.next()?;
        let word = |w: &str| {
            w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if !word(hashtag) {
            return None;
        }
        let mut attributes = BTreeSet::new();
        for attribute in parts {
            if !word(attribute) {
                return None;
            }
            attributes.insert(attribute.to_owned());
        }
        Some(Tag {
            hashtag: format!("#{hashtag}"),
            attributes,
        })
    }
}

/// The spreadsheet name of a column: A, B, ..., Z, AA, AB, ...
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One data row of a sheet: the cells of the sheet's columns (trimmed; empty is `None`).
#[derive(Debug, Clone)]
pub struct HxlRow {
    /// The spreadsheet row number (1 = the first line of the file).
    pub row: u64,
    cells: Vec<Option<String>>,
}

/// Where each column of a sheet is in one file.
#[derive(Debug, Clone)]
pub struct Layout {
    pub file: String,
    pub sheet: &'static Sheet,
    /// For each column of the sheet, its index in the file, if the file has it.
    positions: Vec<Option<usize>>,
}

impl Layout {
    /// Whether the file has the column `key` (an absent optional column leaves existing values
    /// alone; a present empty cell clears them).
    pub fn has(&self, key: &str) -> bool {
        self.index(key).is_some_and(|i| self.positions[i].is_some())
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.sheet.columns.iter().position(|c| c.key == key)
    }

    /// `C (#org+code+member)`: how messages name the column `key`.
    pub fn describe(&self, key: &str) -> String {
        let Some(i) = self.index(key) else {
            return key.to_owned();
        };
        let tag = self.sheet.columns[i].tag;
        match self.positions[i] {
            Some(p) => format!("{} ({tag})", column_letter(p)),
            None => tag.to_owned(),
        }
    }

    /// A problem at `row`, column `key`.
    pub fn problem(&self, row: u64, key: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.clone(),
            table: None,
            row: Some(row),
            column: Some(self.describe(key)),
            message: message.into(),
        }
    }

    /// A problem with a whole row.
    pub fn row_problem(&self, row: u64, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.clone(),
            table: None,
            row: Some(row),
            column: None,
            message: message.into(),
        }
    }
}

impl HxlRow {
    /// The cell of column `key`, `None` when empty or when the file lacks the column.
    pub fn get<'a>(&'a self, layout: &Layout, key: &str) -> Option<&'a str> {
        let i = layout.index(key)?;
        self.cells.get(i)?.as_deref()
    }
}

/// Reads the data rows of one sheet, one at a time.
pub struct HxlReader<R: Read> {
    layout: Layout,
    reader: csv::Reader<std::io::BufReader<R>>,
    record: csv::ByteRecord,
    row: u64,
    failed: bool,
}

impl<R: Read> std::fmt::Debug for HxlReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HxlReader")
            .field("layout", &self.layout)
            .field("row", &self.row)
            .finish()
    }
}

fn reader_of<R: Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input)
}

/// The cells of a record as text, or the column whose bytes are not UTF-8.
fn cells(record: &csv::ByteRecord, first: bool) -> Result<Vec<String>, usize> {
    record
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            // Spreadsheet programs start "CSV UTF-8" files with a byte order mark.
            let bytes = if first && i == 0 {
                bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
            } else {
                bytes
            };
            std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| i)
        })
        .collect()
}

fn not_utf8(file: &str, row: u64, column: usize) -> Problem {
    Problem {
        file: file.to_owned(),
        table: None,
        row: Some(row),
        column: Some(column_letter(column)),
        message: "the text is not valid UTF-8; save the sheet as \"CSV UTF-8\"".into(),
    }
}

fn csv_problem(file: &str, row: u64, err: &csv::Error) -> Problem {
    Problem {
        file: file.to_owned(),
        table: None,
        row: Some(row),
        column: None,
        message: format!("the CSV cannot be read: {err}"),
    }
}

/// Which sheet a set of tags is: the one whose required tags are all there and that matches
/// most tags.
fn detect(file: &str, tags: &[Option<Tag>]) -> Result<&'static Sheet, Problem> {
    let present: BTreeSet<&Tag> = tags.iter().flatten().collect();
    let mut best: Vec<(&'static Sheet, usize)> = Vec::new();
    for sheet in SHEETS {
        let required_present = sheet
            .columns
            .iter()
            .filter(|c| c.required)
            .all(|c| Tag::parse(c.tag).is_some_and(|t| present.contains(&t)));
        if !required_present {
            continue;
        }
        let matched = sheet
            .columns
            .iter()
            .filter(|c| Tag::parse(c.tag).is_some_and(|t| present.contains(&t)))
            .count();
        best.push((sheet, matched));
    }
    best.sort_by_key(|b| std::cmp::Reverse(b.1));
    match best.as_slice() {
        [(sheet, _)] => Ok(sheet),
        [(first, a), (_, b), ..] if a > b => Ok(first),
        [(first, _), (second, _), ..] => Err(Problem::file(
            file,
            format!(
                "the hashtags fit both the {} and the {} sheet; name the file {} or {}",
                first.name,
                second.name,
                first.file_name(),
                second.file_name()
            ),
        )),
        [] => Err(Problem::file(
            file,
            format!(
                "the hashtags fit no sheet; name the file after its sheet ({}) to see which required columns are missing",
                SHEETS.iter().map(|s| s.file_name()).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

impl<R: Read> HxlReader<R> {
    /// Finds the hashtag row and the sheet's columns. `sheet` is the sheet the file is named
    /// after; without one, the sheet is recognised by its hashtags.
    pub fn open(file: &str, input: R, sheet: Option<&'static Sheet>) -> Result<Self, Problem> {
        let mut input = std::io::BufReader::new(input);
        let head = {
            use std::io::BufRead;
            input
                .fill_buf()
                .map_err(|e| Problem::file(file, format!("cannot read: {e}")))?
                .iter()
                .take(4)
                .copied()
                .collect::<Vec<u8>>()
        };
        if let Some(message) = wrong_encoding(&head) {
            return Err(Problem::file(file, message));
        }
        if head.is_empty() {
            return Err(Problem::file(file, "the file is empty"));
        }
        let mut reader = reader_of(input);
        let mut record = csv::ByteRecord::new();
        let mut row = 0;
        let tags = loop {
            row += 1;
            if row > TAG_ROW_SEARCH {
                return Err(missing_tags(file, TAG_ROW_SEARCH));
            }
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return Err(missing_tags(file, row - 1)),
                Err(err) => return Err(csv_problem(file, row, &err)),
            }
            let texts = cells(&record, row == 1).map_err(|c| not_utf8(file, row, c))?;
            let parsed: Vec<Option<Tag>> = texts
                .iter()
                .map(|t| {
                    if t.trim().is_empty() {
                        None
                    } else {
                        Tag::parse(t)
                    }
                })
                .collect();
            let non_empty = texts.iter().filter(|t| !t.trim().is_empty()).count();
            let tagged = parsed.iter().flatten().count();
            if tagged > 0 && tagged == non_empty {
                break parsed;
            }
        };
        let sheet = match sheet {
            Some(sheet) => sheet,
            None => detect(file, &tags)?,
        };
        let mut positions = Vec::with_capacity(sheet.columns.len());
        for column in sheet.columns {
            let wanted = Tag::parse(column.tag);
            let found: Vec<usize> = tags
                .iter()
                .enumerate()
                .filter(|(_, t)| t.is_some() && *t == &wanted)
                .map(|(i, _)| i)
                .collect();
            match found.as_slice() {
                [] if column.required => {
                    return Err(Problem {
                        file: file.to_owned(),
                        table: None,
                        row: Some(row),
                        column: None,
                        message: format!(
                            "the required column {} ({}) is missing from the hashtag row",
                            column.tag, column.header
                        ),
                    })
                }
                [] => positions.push(None),
                [one] => positions.push(Some(*one)),
                [first, second, ..] => {
                    return Err(Problem {
                        file: file.to_owned(),
                        table: None,
                        row: Some(row),
                        column: Some(format!("{} ({})", column_letter(*second), column.tag)),
                        message: format!(
                            "{} tags a second column; it already tags column {}",
                            column.tag,
                            column_letter(*first)
                        ),
                    })
                }
            }
        }
        Ok(Self {
            layout: Layout {
                file: file.to_owned(),
                sheet,
                positions,
            },
            reader,
            record,
            row,
            failed: false,
        })
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }
}

fn missing_tags(file: &str, rows: u64) -> Problem {
    Problem::file(
        file,
        format!(
            "no HXL hashtag row in the first {rows} rows: add a row of hashtags (e.g. #org+code) under the headers"
        ),
    )
}

impl<R: Read> Iterator for HxlReader<R> {
    type Item = Result<HxlRow, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            self.row += 1;
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(err) => {
                    self.failed = true;
                    return Some(Err(csv_problem(&self.layout.file, self.row, &err)));
                }
            }
            let mut values = Vec::with_capacity(self.layout.positions.len());
            let mut any = false;
            for position in &self.layout.positions {
                let cell = match position.and_then(|p| self.record.get(p).map(|b| (p, b))) {
                    Some((p, bytes)) => match std::str::from_utf8(bytes) {
                        Ok(text) => Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
                        Err(_) => {
                            self.failed = true;
                            return Some(Err(not_utf8(&self.layout.file, self.row, p)));
                        }
                    },
                    None => None,
                };
                any |= cell.is_some();
                values.push(cell);
            }
            if any {
                return Some(Ok(HxlRow {
                    row: self.row,
                    cells: values,
                }));
            }
        }
    }
}

/// Parses a date written YYYY-MM-DD.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

/// Parses yes/no, true/false, y/n or 1/0.
pub fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("`{text}` is not yes or no")),
    }
}

/// Parses an enumeration value, forgiving case, spaces and hyphens (`co-chair` is `CO_CHAIR`).
pub fn parse_enum<E>(text: &str) -> Result<E, String>
where
    E: ActiveEnum<Value = String> + Iterable,
{
    let normal: String = text
        .trim()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect::<String>()
        .to_uppercase();
    E::try_from_value(&normal).map_err(|_| {
        let allowed: Vec<String> = E::iter().map(|v| v.to_value()).collect();
        format!("`{text}` is not one of {}", allowed.join(", "))
    })
}

/// Writes a sheet: the header row, the hashtag row, then `rows` (cells in column order).
pub fn write_sheet<W: std::io::Write>(
    out: W,
    sheet: &Sheet,
    rows: impl IntoIterator<Item = Vec<Option<String>>>,
) -> std::io::Result<W> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    writer
        .write_record(sheet.columns.iter().map(|c| c.header))
        .map_err(io)?;
    writer
        .write_record(sheet.columns.iter().map(|c| c.tag))
        .map_err(io)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|c| c.as_deref().unwrap_or("")))
            .map_err(io)?;
    }
    writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::enums::Capacity;

    #[test]
    fn tags_compare_without_case_spaces_or_attribute_order() {
        assert_eq!(
            Tag::parse("#ORG +member+ code"),
            Tag::parse("#org+code+member")
        );
        assert_ne!(Tag::parse("#org+code"), Tag::parse("#org+code+member"));
        assert_eq!(Tag::parse("Organisation"), None);
        assert_eq!(Tag::parse("#org+"), None);
        assert_eq!(Tag::parse("#1org"), None);
    }

    #[test]
    fn columns_are_lettered_like_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn cells_parse_forgivingly_and_refuse_with_a_reason() {
        assert_eq!(parse_enum::<Capacity>("co-chair"), Ok(Capacity::CoChair));
        assert_eq!(
            parse_enum::<Capacity>("present without membership"),
            Ok(Capacity::PresentWithoutMembership)
        );
        assert_eq!(
            parse_enum::<Capacity>("watcher"),
            Err("`watcher` is not one of CHAIR, CO_CHAIR, SECRETARIAT, MEMBER, OBSERVER, PRESENT_WITHOUT_MEMBERSHIP, LIAISON".into())
        );
        assert_eq!(parse_bool("Yes"), Ok(true));
        assert!(parse_bool("maybe").is_err());
        assert_eq!(
            parse_date("2010-02-30"),
            Err("`2010-02-30` is not a date; write it as YYYY-MM-DD".into())
        );
    }

    fn open(text: &str) -> Result<HxlReader<&[u8]>, Problem> {
        HxlReader::open("sheet.csv", text.as_bytes(), None)
    }

    #[test]
    fn the_hashtag_row_may_follow_several_header_rows_and_columns_move_freely() {
        let text = "\u{feff}Memberships of the DRC forums,,,,\n\
                    Forum,Notes of ours,Capacity,Since,Organisation\n\
                    #x_forum+name,,#x_capacity,#date+start,#org +member +code\n\
                    Protection Cluster,ignored,observer,2009-01-01,ICRC\n\
                    ,,,,\n\
                    SMG-P,,member,2010-07-01,UNHCR\n";
        let mut reader = open(text).unwrap();
        assert_eq!(reader.layout().sheet.name, "forum_memberships");
        assert_eq!(
            reader.layout().describe("member_organization"),
            "E (#org+code+member)"
        );
        assert!(!reader.layout().has("note"));
        let layout = reader.layout().clone();
        let first = reader.next().unwrap().unwrap();
        assert_eq!(first.row, 4);
        assert_eq!(first.get(&layout, "forum"), Some("Protection Cluster"));
        assert_eq!(first.get(&layout, "capacity"), Some("observer"));
        assert_eq!(first.get(&layout, "note"), None);
        let second = reader.next().unwrap().unwrap();
        assert_eq!(second.row, 6, "the blank row is skipped but counted");
        assert!(reader.next().is_none());
    }

    #[test]
    fn sheets_without_hashtags_or_required_columns_are_refused() {
        assert_eq!(
            open("Code,Name\nUNHCR,UN Refugee Agency\n").unwrap_err().to_string(),
            "sheet.csv: no HXL hashtag row in the first 2 rows: add a row of hashtags (e.g. #org+code) under the headers"
        );
        let err = HxlReader::open(
            "organizations.csv",
            "Code,Name\n#org+code,#org+name\n".as_bytes(),
            Some(&ORGANIZATIONS),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "organizations.csv, row 2: the required column #org+type (Kind) is missing from the hashtag row"
        );
        let err = HxlReader::open(
            "organizations.csv",
            "Code,Name,Kind,Code\n#org+code,#org+name,#org+type,#org+code\n".as_bytes(),
            Some(&ORGANIZATIONS),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "organizations.csv, row 2, column D (#org+code): #org+code tags a second column; it already tags column A"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        let mut bytes = b"Code,Name,Kind\n#org+code,#org+name,#org+type\nCICR,Comit".to_vec();
        bytes.push(0xE9);
        bytes.extend(b" international,RED_CROSS_MOVEMENT\n");
        let mut reader = HxlReader::open("o.csv", bytes.as_slice(), None).unwrap();
        assert_eq!(
            reader.next().unwrap().unwrap_err().to_string(),
            "o.csv, row 3, column B: the text is not valid UTF-8; save the sheet as \"CSV UTF-8\""
        );
        assert!(reader.next().is_none());
    }

    #[test]
    fn written_sheets_read_back() {
        let bytes = write_sheet(
            Vec::new(),
            &ORGANIZATIONS,
            vec![vec![
                Some("ICRC".into()),
                Some("International Committee of the Red Cross, Geneva".into()),
                Some("RED_CROSS_MOVEMENT".into()),
                None,
                Some("CHE".into()),
                None,
                Some("PUBLIC".into()),
            ]],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("Code,Name,Kind,Parent organisation,Country,Description,Sensitivity\n#org+code,#org+name,#org+type,#org+code+parent,#country+code,#description,#meta+sensitivity\nICRC,\"International Committee of the Red Cross, Geneva\",RED_CROSS_MOVEMENT,,CHE,,PUBLIC\n"), "{text}");
        let mut reader = open(&text).unwrap();
        let layout = reader.layout().clone();
        let row = reader.next().unwrap().unwrap();
        assert_eq!(
            row.get(&layout, "name"),
            Some("International Committee of the Red Cross, Geneva")
        );
    }

    /// The reader holds one row at a time: 100,000 generated rows stream through it.
    #[test]
    fn the_reader_streams_a_hundred_thousand_rows() {
        struct Generated {
            next: u64,
            total: u64,
            pending: Vec<u8>,
        }
        impl Read for Generated {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.pending.is_empty() {
                    if self.next == 0 {
                        self.pending =
                            b"Forum,Organisation,Capacity,Start\n#x_forum+name,#org+code+member,#x_capacity,#date+start\n".to_vec();
                    } else if self.next <= self.total {
                        self.pending = format!(
                            "Forum {},ORG{},MEMBER,2010-01-01\n",
                            self.next % 500,
                            self.next
                        )
                        .into_bytes();
                    } else {
                        return Ok(0);
                    }
                    self.next += 1;
                }
                let n = buf.len().min(self.pending.len());
                buf[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                Ok(n)
            }
        }
        let input = Generated {
            next: 0,
            total: 100_000,
            pending: Vec::new(),
        };
        let reader = HxlReader::open("big.csv", input, None).unwrap();
        let layout = reader.layout().clone();
        let mut count = 0;
        let mut last = None;
        for row in reader {
            let row = row.unwrap();
            count += 1;
            last = row.get(&layout, "member_organization").map(str::to_owned);
        }
        assert_eq!(count, 100_000);
        assert_eq!(last.as_deref(), Some("ORG100000"));
    }
}
