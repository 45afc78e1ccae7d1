//! The one error type of the API and its mapping to GraphQL error codes.
//!
//! Every failure a resolver can return is an [`AppError`]. Clients see a stable machine-readable
//! code in `extensions.code` (and the offending input field in `extensions.field` when there is
//! one); internal errors are logged with their whole cause chain and reach the client only as a
//! generic message, so no SQL, path or secret leaks out.

use async_graphql::ErrorExtensions;

/// The error codes clients can rely on, as they appear in `extensions.code` (the variant's
/// name in SCREAMING_SNAKE_CASE: `BadUserInput` is `BAD_USER_INPUT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    BadUserInput,
    NotFound,
    Conflict,
    Unauthenticated,
    Forbidden,
    RateLimited,
    Internal,
    /// The query text is not GraphQL.
    GraphqlParseFailed,
    /// The query does not fit the schema (unknown field, wrong argument type, fragment cycle).
    GraphqlValidationFailed,
    /// The query is deeper or costlier than the caller's budget.
    QueryTooComplex,
    /// The HTTP request is not a GraphQL request (malformed body or query string).
    BadRequest,
    /// The HTTP method is not one the endpoint takes for this operation.
    MethodNotAllowed,
    /// The request body is not in a media type the endpoint reads.
    UnsupportedMediaType,
    /// The client accepts no media type the endpoint answers in.
    NotAcceptable,
    /// The request body is larger than the limit.
    PayloadTooLarge,
    /// The request body did not arrive in time.
    RequestTimeout,
    /// The query ran longer than the execution limit and was cancelled.
    ExecutionTimeout,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Everything that can go wrong while serving a request.
///
/// Deliberately not `Display`: async-graphql converts any `Display` type into an error that
/// carries only its text, which would silently drop the code. Going through
/// `From<AppError> for async_graphql::Error` keeps it.
#[derive(Debug)]
pub enum AppError {
    /// The input is invalid; `field` names the offending input field (camelCase path) if any.
    BadUserInput {
        field: Option<String>,
        message: String,
    },
    NotFound(String),
    Conflict(String),
    Unauthenticated(String),
    Forbidden(String),
    RateLimited {
        retry_after_secs: u64,
    },
    /// A bug or an infrastructure failure. The cause is logged, never shown.
    Internal(anyhow::Error),
    /// The request was refused before it ran, for a reason its code names (a malformed body,
    /// a query over budget, a timeout, ...); the message says what and why.
    Refused {
        code: ErrorCode,
        message: String,
    },
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A bad input tied to one input field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A bad input not tied to a single field (e.g. a malformed cursor combination).
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: None,
            message: message.into(),
        }
    }

    /// A refusal before execution with its own code.
    pub fn refused(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Refused {
            code,
            message: message.into(),
        }
    }

    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(err.into())
    }

    /// The message clients see.
    pub fn message(&self) -> String {
        match self {
            Self::BadUserInput { message, .. } => message.clone(),
            Self::NotFound(m)
            | Self::Conflict(m)
            | Self::Unauthenticated(m)
            | Self::Forbidden(m) => m.clone(),
            Self::RateLimited { retry_after_secs } => {
                format!("rate limit exceeded; retry after {retry_after_secs} s")
            }
            Self::Internal(_) => "internal error".to_owned(),
            Self::Refused { message, .. } => message.clone(),
        }
    }

    /// What went wrong, cause included, for an operator at the terminal (not a remote client:
    /// an internal error's cause is never sent to one).
    pub fn operator_message(&self) -> String {
        match self {
            Self::Internal(cause) => format!("{cause:#}"),
            other => other.message(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadUserInput { .. } => ErrorCode::BadUserInput,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Internal(_) => ErrorCode::Internal,
            Self::Refused { code, .. } => *code,
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        if let Self::Internal(cause) = self {
            tracing::error!(error = ?cause, "internal error while serving a request");
        }
        async_graphql::Error::new(self.message()).extend_with(|_, ext| {
            ext.set("code", self.code().as_str());
            match self {
                Self::BadUserInput {
                    field: Some(field), ..
                } => ext.set("field", field.as_str()),
                Self::RateLimited { retry_after_secs } => ext.set("retryAfter", *retry_after_secs),
                _ => {}
            }
        })
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        err.extend()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(err: &async_graphql::Error) -> Option<String> {
        let ext = err.extensions.as_ref()?;
        match ext.get("code")? {
            async_graphql::Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    #[test]
    fn bad_input_names_its_field_and_code() {
        let err: async_graphql::Error =
            AppError::invalid("input.name", "name must not be empty").into();
        assert_eq!(err.message, "name must not be empty");
        assert_eq!(code_of(&err).as_deref(), Some("BAD_USER_INPUT"));
        let field = err
            .extensions
            .as_ref()
            .and_then(|e| e.get("field"))
            .cloned();
        assert_eq!(
            field,
            Some(async_graphql::Value::String("input.name".into()))
        );
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let err: async_graphql::Error = AppError::internal(anyhow::anyhow!(
            "connection to 10.0.0.1 refused: password=hunter2"
        ))
        .into();
        assert_eq!(err.message, "internal error");
        assert_eq!(code_of(&err).as_deref(), Some("INTERNAL"));
    }

    #[test]
    fn every_code_has_its_wire_name() {
        let cases = [
            (AppError::NotFound("x".into()), "NOT_FOUND"),
            (AppError::Conflict("x".into()), "CONFLICT"),
            (AppError::Unauthenticated("x".into()), "UNAUTHENTICATED"),
            (AppError::Forbidden("x".into()), "FORBIDDEN"),
            (
                AppError::RateLimited {
                    retry_after_secs: 3,
                },
                "RATE_LIMITED",
            ),
            (AppError::bad_input("x"), "BAD_USER_INPUT"),
        ];
        for (err, code) in cases {
            assert_eq!(err.code().as_str(), code);
        }
        let refused = AppError::refused(ErrorCode::QueryTooComplex, "too deep");
        assert_eq!(refused.code().as_str(), "QUERY_TOO_COMPLEX");
        assert_eq!(refused.message(), "too deep");
    }

    /// The README's error table lists every code clients can receive.
    #[test]
    fn the_readme_lists_every_code() {
        use strum::IntoEnumIterator;
        let readme = include_str!("../../../README.md");
        let table = &readme[readme.find("## Errors").expect("an Errors section")..];
        for code in ErrorCode::iter() {
            assert!(
                table.contains(&format!("`{}`", code.as_str())),
                "README's Errors section does not list {}",
                code.as_str()
            );
        }
    }
}
