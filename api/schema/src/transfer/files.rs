//! Files on disk: what to import from a path, and where an export goes.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::hxl::{self, HxlReader, SHEETS};
use super::import::{SheetInput, Source};
use super::report::Problem;

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn open(path: &Path) -> Result<File, Problem> {
    File::open(path).map_err(|e| Problem::file(&display(path), format!("cannot open: {e}")))
}

/// The input a path names: a `.json` document, a `.csv` sheet, or a directory of sheets (its
/// `.csv` files, in the order their references need: organisations first, memberships late).
pub fn source(path: &Path) -> Result<Source, Problem> {
    if path.is_dir() {
        return directory(path);
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match extension.as_deref() {
        Some("json") => Ok(Source::Json {
            file: display(path),
            input: Box::new(open(path)?),
        }),
        Some("csv") => Ok(Source::Sheets(vec![SheetInput {
            file: display(path),
            sheet: hxl::sheet_of_file(&display(path)),
            input: Box::new(open(path)?),
        }])),
        _ => Err(Problem::file(
            &display(path),
            "give a .json document, a .csv sheet or a directory of sheets",
        )),
    }
}

fn directory(dir: &Path) -> Result<Source, Problem> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Problem::file(&display(dir), format!("cannot list: {e}")))?;
    let mut csv: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .collect();
    csv.sort();
    if csv.is_empty() {
        return Err(Problem::file(
            &display(dir),
            "the directory holds no .csv sheet",
        ));
    }
    // Which sheet each file is: by name, else by its hashtags (only the rows above the data
    // are read here).
    let mut sheets = Vec::with_capacity(csv.len());
    for path in csv {
        let file = display(&path);
        let sheet = match hxl::sheet_of_file(&file) {
            Some(sheet) => sheet,
            None => HxlReader::open(&file, open(&path)?, None)?.layout().sheet,
        };
        sheets.push((sheet, path));
    }
    sheets.sort_by_key(|(sheet, path)| {
        (
            SHEETS.iter().position(|s| s.name == sheet.name),
            path.clone(),
        )
    });
    let mut inputs = Vec::with_capacity(sheets.len());
    for (sheet, path) in sheets {
        inputs.push(SheetInput {
            file: display(&path),
            sheet: Some(sheet),
            input: Box::new(open(&path)?),
        });
    }
    Ok(Source::Sheets(inputs))
}
