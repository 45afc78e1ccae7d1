//! The import mutation.

use async_graphql::{Context, Object};

use super::inputs::{ImportDataInput, TransferFormat};
use super::types::ImportDataPayload;
use crate::error::AppError;
use crate::graphql::context::{api, viewer};
use crate::services::access::Role;
use crate::transfer::hxl;
use crate::transfer::import::{self, ImportOptions, SheetInput, Source};

#[derive(Default)]
pub struct TransferMutation;

#[Object]
impl TransferMutation {
    /// Imports a JSON document or one HXL sheet, in one transaction: every row or none.
    /// Records are matched by natural key (codes, acronyms, names within a mission) or id, so
    /// importing the same content twice changes nothing the second time. Problems with the
    /// content come back in `problems`, each naming its file, row and column. Administrators
    /// only.
    async fn import_data(
        &self,
        ctx: &Context<'_>,
        input: ImportDataInput,
    ) -> async_graphql::Result<ImportDataPayload> {
        let viewer = viewer(ctx)?;
        if viewer.role != Role::Admin {
            return Err(AppError::Forbidden("only administrators may import data".into()).into());
        }
        let content = Box::new(std::io::Cursor::new(input.content.into_bytes()));
        let source = match input.format {
            TransferFormat::Json => Source::Json {
                file: input.file_name.unwrap_or_else(|| "import.json".into()),
                input: content,
            },
            TransferFormat::Hxl => {
                let file = input.file_name.unwrap_or_else(|| "import.csv".into());
                Source::Sheets(vec![SheetInput {
                    sheet: hxl::sheet_of_file(&file),
                    file,
                    input: content,
                }])
            }
        };
        let options = ImportOptions {
            dry_run: input.dry_run,
            progress: None,
        };
        let report = import::import(&api(ctx)?.db, viewer, source, options).await?;
        Ok(report.into())
    }
}
