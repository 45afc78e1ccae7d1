//! The client's address: the address a request's connection comes from, or, when that is a
//! trusted proxy (`COORDMAP_TRUSTED_PROXIES`), the address its `X-Forwarded-For` names.
//!
//! Each proxy appends the address it received the request from to `X-Forwarded-For` (HAProxy's
//! `option forwardfor` adds a header line of its own), so the entries on the right were written
//! by the proxies nearest the server, and whatever is left of them may have been written by
//! anyone, the client included. The header is therefore read from the right: past the entries
//! that are themselves trusted proxies, the first other address is the client. A client
//! writing its own `X-Forwarded-For` only adds entries on the left, which are never reached.
//!
//! - From a peer that is not a trusted proxy the header is ignored: a client can write anything
//!   there.
//! - Without the header, or when the walk meets an entry that is not an IP address (`unknown`,
//!   a port, brackets, an empty entry, bytes that are not text), the client is the peer: a
//!   malformed value is never believed.
//! - When every entry is a trusted proxy (a request sent by a proxy itself), the client is the
//!   leftmost one, the first hop the trusted chain vouches for.
//!
//! Addresses are canonical: an IPv4 address mapped into IPv6 (`::ffff:203.0.113.7`) is the
//! IPv4 address, so one client has one rate-limit key however it is written.

use std::net::IpAddr;

use actix_web::http::header::HeaderName;
use actix_web::HttpRequest;

use crate::config::TrustedProxies;

/// The header naming the client and the proxies a request went through.
pub const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The client of a request that came from `peer` with these `X-Forwarded-For` header lines, in
/// the order received (each a comma-separated list of addresses).
pub fn client_address<'a>(
    peer: IpAddr,
    forwarded_for: impl IntoIterator<Item = &'a str>,
    trusted: &TrustedProxies,
) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let lines: Vec<&str> = forwarded_for.into_iter().collect();
    let mut client = peer;
    for entry in lines.iter().rev().flat_map(|line| line.rsplit(',')) {
        let Ok(address) = entry.trim().parse::<IpAddr>() else {
            return peer;
        };
        client = address.to_canonical();
        if !trusted.contains(client) {
            return client;
        }
    }
    client
}

/// The client of `req` ([`client_address`]); `None` when the connection's address is unknown.
pub fn client_of(req: &HttpRequest, trusted: &TrustedProxies) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let lines = req
        .headers()
        .get_all(X_FORWARDED_FOR)
        // Bytes that are not text are no address: an empty entry, never believed.
        .map(|value| std::str::from_utf8(value.as_bytes()).unwrap_or(""));
    Some(client_address(peer, lines, trusted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    fn trusted(text: &str) -> TrustedProxies {
        TrustedProxies::parse(text).expect("trusted proxies")
    }

    #[test]
    fn the_client_is_the_first_untrusted_address_from_the_right() {
        let proxies = "10.0.0.0/8, 192.168.1.1, fd00::/8";
        // (trusted proxies, peer, X-Forwarded-For lines, client)
        let cases: &[(&str, &str, &[&str], &str)] = &[
            // Nobody trusted: the peer, whatever the header says.
            ("", "10.0.0.1", &["203.0.113.7"], "10.0.0.1"),
            // An untrusted peer's header is ignored, however plausible.
            (proxies, "198.51.100.9", &["203.0.113.7"], "198.51.100.9"),
            (proxies, "198.51.100.9", &["10.0.0.2"], "198.51.100.9"),
            (proxies, "198.51.100.9", &["garbage"], "198.51.100.9"),
            // A trusted peer with one entry.
            (proxies, "10.0.0.1", &["203.0.113.7"], "203.0.113.7"),
            (proxies, "10.0.0.1", &[" 203.0.113.7 "], "203.0.113.7"),
            // Many entries: the rightmost untrusted one; what the client wrote on the left is
            // never reached.
            (
                proxies,
                "10.0.0.1",
                &["1.1.1.1, 2.2.2.2, 203.0.113.7"],
                "203.0.113.7",
            ),
            // Several header lines (HAProxy adds its own after the client's).
            (
                proxies,
                "10.0.0.1",
                &["1.1.1.1", "203.0.113.7"],
                "203.0.113.7",
            ),
            (
                proxies,
                "10.0.0.1",
                &["1.1.1.1, 2.2.2.2", "203.0.113.7, 10.9.9.9"],
                "203.0.113.7",
            ),
            // A chain of trusted proxies is skipped.
            (
                proxies,
                "10.0.0.1",
                &["203.0.113.7, 192.168.1.1, 10.2.3.4"],
                "203.0.113.7",
            ),
            // A client that claims to be a trusted proxy only lengthens the left side.
            (
                proxies,
                "10.0.0.1",
                &["10.0.0.7, 203.0.113.7"],
                "203.0.113.7",
            ),
            // Garbage where the walk reaches it: the peer.
            (proxies, "10.0.0.1", &["unknown"], "10.0.0.1"),
            (proxies, "10.0.0.1", &["203.0.113.7:4711"], "10.0.0.1"),
            (proxies, "10.0.0.1", &["[2001:db8::7]"], "10.0.0.1"),
            (proxies, "10.0.0.1", &["203.0.113.7,"], "10.0.0.1"),
            (proxies, "10.0.0.1", &[""], "10.0.0.1"),
            (
                proxies,
                "10.0.0.1",
                &["203.0.113.7, bogus, 10.2.3.4"],
                "10.0.0.1",
            ),
            (proxies, "10.0.0.1", &["203.0.113.7", "1.2.3"], "10.0.0.1"),
            // Garbage left of the client is never reached.
            (
                proxies,
                "10.0.0.1",
                &["bogus, , unknown", "203.0.113.7"],
                "203.0.113.7",
            ),
            // IPv6, and IPv4 mapped into IPv6.
            (proxies, "fd00::1", &["2001:db8::7"], "2001:db8::7"),
            (proxies, "fd00::1", &["2001:db8::7, fd12::3"], "2001:db8::7"),
            (proxies, "::ffff:10.0.0.1", &["203.0.113.7"], "203.0.113.7"),
            (proxies, "10.0.0.1", &["::ffff:203.0.113.7"], "203.0.113.7"),
            (
                proxies,
                "::ffff:198.51.100.9",
                &["203.0.113.7"],
                "198.51.100.9",
            ),
            // No header: the peer.
            (proxies, "10.0.0.1", &[], "10.0.0.1"),
            // Every entry trusted: the leftmost, the first hop the chain vouches for.
            (
                proxies,
                "10.0.0.1",
                &["192.168.1.1, 10.0.0.2"],
                "192.168.1.1",
            ),
            (proxies, "10.0.0.1", &["10.0.0.1"], "10.0.0.1"),
        ];
        for (proxies, peer, lines, expected) in cases {
            assert_eq!(
                client_address(ip(peer), lines.iter().copied(), &trusted(proxies)),
                ip(expected),
                "trusting {proxies:?}, from {peer} with {lines:?}"
            );
        }
    }

    fn address() -> impl Strategy<Value = IpAddr> {
        prop_oneof![
            any::<std::net::Ipv4Addr>().prop_map(IpAddr::V4),
            any::<std::net::Ipv6Addr>().prop_map(IpAddr::V6),
        ]
    }

    proptest! {
        /// Behind trusted proxies, nothing a client writes into the header moves the answer
        /// away from the address the nearest untrusted hop was seen at.
        #[test]
        fn what_the_client_writes_is_never_believed(
            written in proptest::collection::vec("[0-9a-f:., ]{0,24}", 0..4),
            client in address(),
            hops in proptest::collection::vec(0u8..=255, 0..4),
        ) {
            let proxies = trusted("10.0.0.0/8");
            let client = client.to_canonical();
            prop_assume!(!proxies.contains(client));
            let mut lines: Vec<String> = written;
            let chain: Vec<String> = std::iter::once(client.to_string())
                .chain(hops.iter().map(|h| format!("10.1.0.{h}")))
                .collect();
            lines.push(chain.join(", "));
            let answer = client_address(ip("10.0.0.1"), lines.iter().map(String::as_str), &proxies);
            prop_assert_eq!(answer, client);
        }

        /// An untrusted peer is the client whatever its header says; the answer is always the
        /// peer or an address of the header.
        #[test]
        fn the_answer_is_the_peer_or_a_written_address(
            peer in address(),
            lines in proptest::collection::vec("[0-9a-f:., ]{0,40}", 0..4),
        ) {
            let proxies = trusted("10.0.0.0/8, fd00::/8");
            let answer = client_address(peer, lines.iter().map(String::as_str), &proxies);
            if !proxies.contains(peer) {
                prop_assert_eq!(answer, peer.to_canonical());
            }
            let written = lines
                .iter()
                .flat_map(|line| line.split(','))
                .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
                .any(|entry| entry.to_canonical() == answer);
            prop_assert!(answer == peer.to_canonical() || written);
        }
    }
}
