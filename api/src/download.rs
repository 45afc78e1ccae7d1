//! `GET /export`: the JSON document of what the caller may read, streamed as it is written.
//!
//! The same document as `exportData(format: JSON)` and `coordmap export --format json` (one
//! writer: `transfer::export::write_json`), never held whole: each page of rows goes to the
//! client as it is written, and the next page is read only once the client has taken the one
//! before (a channel of two pages), so memory stays flat however large the map and however slow
//! the reader. A client that takes nothing for `--execution-timeout-ms` is cut off.
//!
//! Admission is the GraphQL endpoint's: the same credentials (a bad one is 401, never
//! anonymous); an export counts as one operation per table against the caller's rate limit
//! (`EXPORT_OPERATIONS`, 429 `RATE_LIMITED` once spent) and takes one of the process's export
//! slots, shared with `exportData` (`COORDMAP_MAX_CONCURRENT_EXPORTS`; none free is 429
//! `RATE_LIMITED` at once, never a wait). Errors found before the first byte (a bad parameter,
//! an unknown mission) are a JSON error with a code, as on `/graphql`; an error after it (the
//! database failing, the client too slow) ends the transfer without its last chunk, so a client
//! sees a failed download, never a truncated document it could take for whole. Confidential
//! records written are logged as reads once the document is complete.

use std::io::Write;
use std::time::Duration;

use actix_web::error::QueryPayloadError;
use actix_web::http::{header, StatusCode};
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use entity::enums::Sensitivity;
use serde::Deserialize;
use tokio::sync::mpsc;

use crate::error::{AppError, ErrorCode};
use crate::http::{self, HttpState, MediaType};
use crate::services::read_log::Read;
use crate::transfer::export::{self, Drain, EXPORT_OPERATIONS};

/// Mounts `/export`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/export")
            .route(web::get().to(download))
            .default_service(web::to(other_method)),
    );
}

/// The query string of `/export`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// `json`, the only format one download can hold (HXL is several sheets: `exportData`).
    format: Option<String>,
    /// Only what belongs to this mission (current or former acronym).
    mission: Option<String>,
}

type Chunk = Result<Bytes, std::io::Error>;

/// Pages of the document on their way to the client.
struct ChannelWriter {
    page: Vec<u8>,
    client: mpsc::Sender<Chunk>,
    patience: Duration,
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.page.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drain for ChannelWriter {
    async fn drain(&mut self) -> std::io::Result<()> {
        if self.page.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.page));
        match tokio::time::timeout(self.patience, self.client.send(Ok(chunk))).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the client went away",
            )),
            Err(_) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the client took nothing for {} ms",
                    self.patience.as_millis()
                ),
            )),
        }
    }
}

fn refusal(err: AppError) -> HttpResponse {
    http::error_response(MediaType::Json, err)
}

async fn download(state: web::Data<HttpState>, req: HttpRequest) -> HttpResponse {
    let params = match web::Query::<Params>::from_query(req.query_string()) {
        Ok(params) => params.into_inner(),
        Err(err) => {
            let detail = match err {
                QueryPayloadError::Deserialize(err) => err.to_string(),
                other => other.to_string(),
            };
            return refusal(AppError::refused(
                ErrorCode::BadRequest,
                format!("the query string is not one `/export` takes ({detail}): `format=json` and `mission=ACRONYM`"),
            ));
        }
    };
    if let Some(format) = &params.format {
        if !format.eq_ignore_ascii_case("json") {
            return refusal(AppError::invalid(
                "format",
                format!(
                    "`format` is `json`, not `{format}`; HXL sheets are several files: ask `exportData(format: HXL)`"
                ),
            ));
        }
    }
    let viewer = match http::admit_for(&state, &req, EXPORT_OPERATIONS, |burst| {
        AppError::bad_input(format!(
            "an export counts as {EXPORT_OPERATIONS} operations; at most {burst} are allowed at once"
        ))
    })
    .await
    {
        Ok(viewer) => viewer,
        Err(err) => return refusal(err),
    };
    let permit = match export::slot(&state.exports) {
        Ok(permit) => permit,
        Err(err) => return refusal(err),
    };
    let (client, mut pages) = mpsc::channel::<Chunk>(2);
    let failure = client.clone();
    let writer = ChannelWriter {
        page: Vec::with_capacity(1 << 16),
        client,
        patience: state.timeouts.execution(),
    };
    let db = state.db.clone();
    let read_log = state.read_log.clone();
    let mission = params.mission.clone();
    let task = tokio::spawn(async move {
        let _permit = permit;
        let mut reads = Vec::new();
        let outcome = export::write_json(
            &db,
            &viewer,
            mission.as_deref(),
            "mission",
            writer,
            |kind, id, sensitivity| {
                if sensitivity >= Sensitivity::Confidential {
                    reads.push(Read {
                        kind,
                        id,
                        sensitivity,
                    });
                }
            },
        )
        .await;
        read_log.record(&viewer, &reads).await;
        match outcome {
            Ok(_) => Ok(()),
            Err(err) => {
                let err = AppError::from(err);
                // Ends the transfer as failed; nobody listens if it failed before its first byte.
                let _ = failure
                    .send(Err(std::io::Error::other(err.message())))
                    .await;
                Err(err)
            }
        }
    });
    let first = match pages.recv().await {
        Some(Ok(first)) => first,
        _ => {
            return match task.await {
                Ok(Err(err)) => refusal(err),
                Ok(Ok(())) => refusal(AppError::internal(anyhow::anyhow!(
                    "the export ended without writing"
                ))),
                Err(err) => refusal(AppError::internal(err)),
            };
        }
    };
    let rest = futures_util::stream::unfold(pages, |mut pages| async move {
        pages.recv().await.map(|chunk| (chunk, pages))
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }),
        rest,
    );
    let name = match &params.mission {
        Some(mission) => format!("coordmap-{}.json", mission.trim().to_uppercase()),
        None => "coordmap.json".to_owned(),
    };
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file_name(&name)),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(body)
}

/// `name` with anything but letters, digits, `-`, `_` and `.` left out, for a header.
fn file_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect()
}

/// Any method but GET on `/export`.
async fn other_method() -> HttpResponse {
    let mut response = refusal(AppError::refused(
        ErrorCode::MethodNotAllowed,
        "`/export` answers GET",
    ));
    response
        .headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static("GET"));
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_file_name_keeps_to_safe_characters() {
        assert_eq!(file_name("coordmap-MONUC.json"), "coordmap-MONUC.json");
        assert_eq!(file_name("coordmap-A\"; x=\r\n.json"), "coordmap-Ax.json");
    }
}
