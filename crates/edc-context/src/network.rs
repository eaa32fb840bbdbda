//! Loading documents over the network, only when the caller allows it: https (and the published
//! `http://data.europa.eu/snb/` IRIs), an optional host allow-list, size and time limits, no
//! redirect to another host, never a private, loopback or link-local address.

use crate::fetcher::{FetchError, FetchErrorKind};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

/// The IRIs the EU publishes over plain http, which may be fetched as they are.
pub const PUBLISHED_HTTP_PREFIX: &str = "http://data.europa.eu/snb/";

/// What network loading may do. Built with [`NetworkPolicy::new`]; risky options live behind
/// [`NetworkPolicy::dangerous`].
#[derive(Debug, Clone)]
#[must_use]
pub struct NetworkPolicy {
    allowed_hosts: Vec<String>,
    max_bytes: u64,
    timeout: Duration,
    allow_local: bool,
    allow_plain_http: bool,
}

impl Default for NetworkPolicy {
    fn default() -> Self {
        NetworkPolicy {
            allowed_hosts: Vec::new(),
            max_bytes: 2 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            allow_local: false,
            allow_plain_http: false,
        }
    }
}

/// Options that weaken the network policy; for tests that set up their own local server.
pub struct DangerousNetworkPolicy(NetworkPolicy);

impl DangerousNetworkPolicy {
    /// Allows loopback and private addresses, over plain http too.
    pub fn allow_local_addresses(mut self) -> NetworkPolicy {
        self.0.allow_local = true;
        self.0
    }
}

impl NetworkPolicy {
    /// Any public https host, 2 MiB and 10 s per document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only these hosts (e.g. `www.w3.org`, `w3id.org`, `data.europa.eu`).
    pub fn allow_hosts<I: IntoIterator<Item = S>, S: Into<String>>(mut self, hosts: I) -> Self {
        self.allowed_hosts = hosts.into_iter().map(Into::into).collect();
        self
    }

    /// The largest document accepted, in bytes.
    pub fn max_bytes(mut self, bytes: u64) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// The time allowed per document.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Allows plain http to public hosts, for answers that carry their own signature (RFC 3161
    /// time-stamp responses, OCSP): many time-stamp authorities serve only http.
    pub fn allow_plain_http(mut self) -> Self {
        self.allow_plain_http = true;
        self
    }

    /// Options that weaken the policy.
    pub fn dangerous(self) -> DangerousNetworkPolicy {
        DangerousNetworkPolicy(self)
    }
}

/// True for addresses a loader must not reach unless told: loopback, private, link-local,
/// unspecified, multicast, shared (CGNAT) and unique-local ranges.
pub fn is_local_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || (a == 100 && (64..128).contains(&b)) // shared address space (RFC 6598)
                || (a == 198 && (18..20).contains(&b)) // benchmarking (RFC 2544)
                || a >= 240 // reserved (RFC 1112)
                || a == 0 // "this network"
                || (a == 192 && b == 0 && v4.octets()[2] == 0) // IETF protocol assignments
        }
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            let first = segments[0];
            // An IPv4 address carried inside IPv6: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
            // (::a.b.c.d, deprecated), NAT64 (64:ff9b::/96, RFC 6052), 6to4 (2002::/16, the
            // address in segments 1–2): judged as the IPv4 address it reaches.
            let embedded = |high: u16, low: u16| {
                IpAddr::V4(std::net::Ipv4Addr::new(
                    (high >> 8) as u8,
                    high as u8,
                    (low >> 8) as u8,
                    low as u8,
                ))
            };
            let carried = if let Some(v4) = v6.to_ipv4_mapped() {
                Some(IpAddr::V4(v4))
            } else if (segments[..6].iter().all(|s| *s == 0)
                && !v6.is_loopback()
                && !v6.is_unspecified())
                || segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0]
            {
                Some(embedded(segments[6], segments[7]))
            } else if first == 0x2002 {
                Some(embedded(segments[1], segments[2]))
            } else {
                None
            };
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (first == 0x2001 && segments[1] == 0x0db8) // documentation
                || (first == 0x0100 && segments[1..4] == [0, 0, 0]) // discard-only (RFC 6666)
                || carried.is_some_and(is_local_address)
        }
    }
}

/// True when a redirect on the same host stays with the same service: the same scheme and port,
/// or the upgrade from http on port 80 to https on port 443.
fn same_service(from: (&str, u16), to: (&str, Option<u16>)) -> bool {
    match (from, to) {
        ((scheme, port), (to_scheme, Some(to_port))) if scheme == to_scheme => port == to_port,
        (("http", 80), ("https", Some(443))) => true,
        _ => false,
    }
}

/// Splits `scheme://host[:port]/…` into scheme, host and port.
fn authority(iri: &str) -> Option<(&str, &str, u16)> {
    let (scheme, rest) = iri.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return None; // no credentials in IRIs we fetch
    }
    let default_port = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => Some((
            scheme,
            host.trim_start_matches('[').trim_end_matches(']'),
            port.parse().ok()?,
        )),
        _ => Some((
            scheme,
            authority.trim_start_matches('[').trim_end_matches(']'),
            default_port,
        )),
    }
}

/// An error with its causes, which reqwest keeps apart.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// The HTTP fetcher: every request made under a [`NetworkPolicy`] (https, public addresses,
/// size and time limits, no redirect to another host or service).
#[derive(Debug, Clone)]
pub struct HttpFetcher {
    policy: NetworkPolicy,
}

impl HttpFetcher {
    /// A fetcher under `policy`.
    pub fn new(policy: NetworkPolicy) -> HttpFetcher {
        HttpFetcher { policy }
    }

    /// The same fetcher, shared.
    pub fn shared(policy: NetworkPolicy) -> crate::SharedFetcher {
        std::sync::Arc::new(HttpFetcher::new(policy))
    }
}

impl crate::Fetcher for HttpFetcher {
    fn get(&self, url: &str, accept: &str) -> Result<Vec<u8>, FetchError> {
        request(url, &self.policy, None, accept)
    }

    fn post(&self, url: &str, content_type: &str, body: &[u8]) -> Result<Vec<u8>, FetchError> {
        request(
            url,
            &self.policy,
            Some((content_type, body.to_vec())),
            "*/*",
        )
    }
}

fn request(
    iri: &str,
    policy: &NetworkPolicy,
    post: Option<(&str, Vec<u8>)>,
    accept: &str,
) -> Result<Vec<u8>, FetchError> {
    use FetchErrorKind::*;
    let fail = |kind, message: String| FetchError::new(kind, message);
    let (scheme, host, port) = authority(iri).ok_or_else(|| {
        fail(
            Refused,
            "only http(s) IRIs with a host can be fetched".into(),
        )
    })?;
    let plain_ok =
        iri.starts_with(PUBLISHED_HTTP_PREFIX) || policy.allow_local || policy.allow_plain_http;
    if scheme != "https" && !plain_ok {
        return Err(fail(
            Refused,
            "only https is fetched (and the published http://data.europa.eu/snb/ IRIs)".into(),
        ));
    }
    if !policy.allowed_hosts.is_empty()
        && !policy
            .allowed_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(host))
    {
        return Err(fail(
            Refused,
            format!("host {host} is not on the allow-list"),
        ));
    }
    let addresses: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| fail(Unreachable, format!("cannot resolve {host}: {e}")))?
        .collect();
    let Some(&address) = addresses.first() else {
        return Err(fail(Unreachable, format!("{host} resolves to no address")));
    };
    if !policy.allow_local && addresses.iter().any(|a| is_local_address(a.ip())) {
        return Err(fail(
            Refused,
            format!("{host} resolves to a private or loopback address; refused"),
        ));
    }
    let origin_host = host.to_string();
    let origin_scheme = scheme.to_string();
    let origin_port = port;
    let client = reqwest::blocking::Client::builder()
        .timeout(policy.timeout)
        // The address checked above is the one used: no second lookup to rebind.
        .resolve(host, address)
        .redirect(reqwest::redirect::Policy::custom(move |attempt| {
            let url = attempt.url();
            if attempt.previous().len() >= 3 {
                attempt.error("too many redirects")
            } else if url.host_str() != Some(origin_host.as_str()) {
                attempt.error("redirect to another host refused")
            } else if !same_service(
                (&origin_scheme, origin_port),
                (url.scheme(), url.port_or_known_default()),
            ) {
                // Another port on the same host is another service (an admin port, a
                // database); another scheme may drop TLS.
                attempt.error("redirect to another port or scheme refused")
            } else {
                attempt.follow()
            }
        }))
        .build()
        .map_err(|e| fail(Unreachable, e.to_string()))?;
    let request = match post {
        Some((content_type, body)) => client
            .post(iri)
            .header("Content-Type", content_type)
            .header("Accept", accept)
            .body(body),
        None => client.get(iri).header("Accept", accept),
    };
    let response = request
        .send()
        .map_err(|e| fail(Unreachable, with_causes(&e)))?;
    if !response.status().is_success() {
        let status = response.status();
        return Err(fail(
            Status(status.as_u16()),
            format!("the server answered {status}"),
        ));
    }
    if response
        .content_length()
        .is_some_and(|n| n > policy.max_bytes)
    {
        return Err(fail(
            TooLarge,
            format!("the document is larger than {} bytes", policy.max_bytes),
        ));
    }
    let mut body = Vec::new();
    use std::io::Read;
    response
        .take(policy.max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| fail(Unreachable, e.to_string()))?;
    if body.len() as u64 > policy.max_bytes {
        return Err(fail(
            TooLarge,
            format!("the document is larger than {} bytes", policy.max_bytes),
        ));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_addresses_are_recognised() {
        for local in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.1.1",
            "100.64.0.1",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "0.0.0.0",
            // IPv4 inside IPv6: IPv4-compatible, NAT64 (RFC 6052), 6to4 (RFC 3056).
            "::127.0.0.1",
            "::10.0.0.1",
            "64:ff9b::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2002:c0a8:101::1",
            // Benchmarking (RFC 2544), reserved (240/4), "this network", IETF assignments.
            "198.18.0.1",
            "198.19.255.254",
            "240.0.0.1",
            "255.255.255.254",
            "0.1.2.3",
            "192.0.0.8",
            "fec0::1",
        ] {
            assert!(is_local_address(local.parse().unwrap()), "{local}");
        }
        for public in [
            "93.184.216.34",
            "2606:2800:220:1::1",
            "8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::",
            "198.20.0.1",
        ] {
            assert!(!is_local_address(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn redirects_keep_the_service() {
        assert!(same_service(("https", 443), ("https", Some(443))));
        assert!(same_service(("http", 80), ("https", Some(443))));
        assert!(!same_service(("https", 443), ("https", Some(8443))));
        assert!(!same_service(("https", 443), ("http", Some(80))));
        assert!(!same_service(("http", 8080), ("https", Some(443))));
    }

    #[test]
    fn authorities() {
        assert_eq!(
            authority("https://www.w3.org/ns/credentials/v2"),
            Some(("https", "www.w3.org", 443))
        );
        assert_eq!(
            authority("http://127.0.0.1:8080/x"),
            Some(("http", "127.0.0.1", 8080))
        );
        assert_eq!(authority("https://user@host/x"), None);
        assert_eq!(authority("urn:x"), None);
    }
}
