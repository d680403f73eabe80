//! Errors in the Kubernetes API's terms (HTTP code + `Status` reason).

use serde_json::{Value, json};

/// An API failure, rendered as a `meta.k8s.io/v1` `Status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub code: u16,
    /// Machine-readable reason (`NotFound`, `AlreadyExists`, …).
    pub reason: &'static str,
    /// Human-readable message.
    pub message: String,
    /// Kind and name for `details`, when about one object.
    pub details: Option<(String, String)>,
}

impl ApiError {
    /// 404 for an object.
    pub fn not_found(plural: &str, name: &str) -> Self {
        Self {
            code: 404,
            reason: "NotFound",
            message: format!("{plural} \"{name}\" not found"),
            details: Some((plural.to_owned(), name.to_owned())),
        }
    }

    /// 404 for a URL that names no resource.
    pub fn no_route(path: &str) -> Self {
        Self {
            code: 404,
            reason: "NotFound",
            message: format!("the server could not find the requested resource ({path})"),
            details: None,
        }
    }

    /// 409 on create.
    pub fn already_exists(plural: &str, name: &str) -> Self {
        Self {
            code: 409,
            reason: "AlreadyExists",
            message: format!("{plural} \"{name}\" already exists"),
            details: Some((plural.to_owned(), name.to_owned())),
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            code: 400,
            reason: "BadRequest",
            message: message.into(),
            details: None,
        }
    }

    /// 422.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            code: 422,
            reason: "Invalid",
            message: message.into(),
            details: None,
        }
    }

    /// 405.
    pub fn method_not_allowed(message: impl Into<String>) -> Self {
        Self {
            code: 405,
            reason: "MethodNotAllowed",
            message: message.into(),
            details: None,
        }
    }

    /// 410: a resourceVersion older than the change log keeps.
    pub fn gone(message: impl Into<String>) -> Self {
        Self {
            code: 410,
            reason: "Expired",
            message: message.into(),
            details: None,
        }
    }

    /// 429: an eviction the disruption budget forbids.
    pub fn too_many_requests(message: impl Into<String>) -> Self {
        Self {
            code: 429,
            reason: "TooManyRequests",
            message: message.into(),
            details: None,
        }
    }

    /// 415.
    pub fn unsupported_media(message: impl Into<String>) -> Self {
        Self {
            code: 415,
            reason: "UnsupportedMediaType",
            message: message.into(),
            details: None,
        }
    }

    /// The `Status` object.
    pub fn to_status(&self) -> Value {
        let mut s = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        });
        if let Some((kind, name)) = &self.details {
            s["details"] = json!({"name": name, "kind": kind});
        }
        s
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.reason, self.message)
    }
}

impl std::error::Error for ApiError {}
