//! API keys for the endpoints that issue, seal and change status: `Authorization: Bearer …`
//! or `X-API-Key: …`, compared in constant time; only the key's name is ever logged.

use crate::config::AuthConfig;
use crate::problem::Problem;
use axum::http::{HeaderMap, StatusCode};

/// The configured keys.
pub struct Keys {
    named: Vec<(String, zeroize::Zeroizing<String>)>,
    open: bool,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.named.iter().map(|(n, _)| n.as_str()).collect();
        write!(f, "Keys({names:?}, open: {})", self.open)
    }
}

impl Keys {
    /// The keys `config` names (files, environment variables). With none, the protected
    /// endpoints are open when `open_when_unconfigured` says so, by default only on loopback.
    pub fn load(config: &AuthConfig, loopback: bool) -> Result<Keys, crate::ServeError> {
        Self::load_text(config, loopback)
            .map_err(crate::error::as_kind(crate::ServeErrorKind::Auth))
    }

    fn load_text(config: &AuthConfig, loopback: bool) -> Result<Keys, String> {
        let mut named = Vec::new();
        for path in &config.token_files {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the token file {}: {e}", path.display()))?;
            let token = text.lines().next().unwrap_or("").trim().to_string();
            if token.len() < 16 {
                return Err(format!(
                    "{}: a token must have at least 16 characters",
                    path.display()
                ));
            }
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "token".into());
            named.push((name, zeroize::Zeroizing::new(token)));
        }
        for variable in &config.token_env {
            let token = std::env::var(variable)
                .map_err(|_| format!("the token variable {variable} is not set"))?;
            if token.trim().len() < 16 {
                return Err(format!(
                    "{variable}: a token must have at least 16 characters"
                ));
            }
            named.push((
                variable.clone(),
                zeroize::Zeroizing::new(token.trim().to_string()),
            ));
        }
        let open = named.is_empty() && config.open_when_unconfigured.unwrap_or(loopback);
        Ok(Keys { named, open })
    }

    /// Keys from values (tests, embedding).
    pub fn of(named: Vec<(String, String)>, open: bool) -> Keys {
        Keys {
            named: named
                .into_iter()
                .map(|(n, t)| (n, zeroize::Zeroizing::new(t)))
                .collect(),
            open,
        }
    }

    /// True when the protected endpoints need no key.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The name of the key the request shows, or the 401 problem.
    pub fn check(&self, headers: &HeaderMap) -> Result<String, Problem> {
        let shown = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()))
            .map(str::trim);
        if let Some(shown) = shown {
            for (name, token) in &self.named {
                if constant_time_eq(shown.as_bytes(), token.as_bytes()) {
                    return Ok(name.clone());
                }
            }
        } else if self.open {
            return Ok("anonymous".into());
        }
        Err(Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            if self.named.is_empty() {
                "this endpoint needs an API key, and the server has none configured: set auth.token_files or auth.token_env".to_string()
            } else {
                "give an API key: `Authorization: Bearer <key>` or `X-API-Key: <key>`".to_string()
            },
        ))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    // Equal-length digests, compared without an early exit.
    let (x, y) = (Sha256::digest(a), Sha256::digest(b));
    x.iter()
        .zip(y.iter())
        .fold(0u8, |acc, (p, q)| acc | (p ^ q))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_or_missing_key_is_refused_and_a_right_one_named() {
        let keys = Keys::of(vec![("ci".into(), "0123456789abcdef0".into())], false);
        let mut headers = HeaderMap::new();
        assert_eq!(
            keys.check(&headers).unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
        headers.insert("authorization", "Bearer 0123456789abcdef1".parse().unwrap());
        assert!(keys.check(&headers).is_err());
        headers.insert("authorization", "Bearer 0123456789abcdef0".parse().unwrap());
        assert_eq!(keys.check(&headers).unwrap(), "ci");
    }
}
