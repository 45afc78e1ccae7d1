//! The error of starting up or running a command, low in the module tree so the modules that
//! produce it (`config` readers in `auth/`, `db.rs`) need nothing from `startup.rs` above them.

/// A failure to start, worded as one line that names the setting at fault.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("{setting}: {message}")]
    Setting {
        setting: &'static str,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

impl StartupError {
    pub fn setting(setting: &'static str, message: impl Into<String>) -> Self {
        Self::Setting {
            setting,
            message: message.into(),
        }
    }
}
