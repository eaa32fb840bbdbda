//! The published forms of a list: a Bitstring Status List `encodedList` (one bit per entry,
//! index 0 the left-most bit, GZIP, multibase base64url) and an IETF Token Status List `lst`
//! (two bits per entry, index 0 the lowest bits of the first byte, ZLIB, base64url).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::io::Write;

/// What a bitstring says of its set bits.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Set bits are revoked credentials.
    Revocation,
    /// Set bits are suspended credentials.
    Suspension,
}

impl Purpose {
    /// The `statusPurpose` value.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Revocation => "revocation",
            Purpose::Suspension => "suspension",
        }
    }

    /// The purpose named `name`.
    pub fn from_name(name: &str) -> Option<Purpose> {
        match name {
            "revocation" => Some(Purpose::Revocation),
            "suspension" => Some(Purpose::Suspension),
            _ => None,
        }
    }
}

/// The `encodedList` of a bitstring of `entries` bits with `set` set: `u` + base64url(GZIP).
pub fn encode_bitstring(entries: u32, set: &[u32]) -> String {
    let mut bits = vec![0u8; (entries as usize).div_ceil(8)];
    for &i in set.iter().filter(|&&i| i < entries) {
        bits[i as usize / 8] |= 0x80 >> (i % 8);
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bits).expect("writing to memory");
    let compressed = gzip.finish().expect("writing to memory");
    format!("u{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The `lst` of a Token Status List of `entries` two-bit statuses: 0 valid, 1 invalid
/// (`revoked`), 2 suspended (`suspended`, unless also revoked).
pub fn encode_token_list(entries: u32, revoked: &[u32], suspended: &[u32]) -> String {
    let mut bytes = vec![0u8; (entries as usize * 2).div_ceil(8)];
    let mut put = |i: u32, value: u8| {
        if i < entries {
            let shift = (i % 4) * 2;
            let byte = &mut bytes[i as usize / 4];
            *byte = (*byte & !(0b11 << shift)) | (value << shift);
        }
    };
    for &i in suspended {
        put(i, 2);
    }
    for &i in revoked {
        put(i, 1);
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zlib.write_all(&bytes).expect("writing to memory");
    URL_SAFE_NO_PAD.encode(zlib.finish().expect("writing to memory"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn bitstring_bits_read_as_the_verifier_reads_them() {
        let encoded = encode_bitstring(131_072, &[0, 9, 131_071]);
        let bits = edc_verifier::decode_status_list(&encoded).unwrap();
        assert_eq!(bits.len(), 16_384);
        for (i, set) in [
            (0, true),
            (1, false),
            (9, true),
            (10, false),
            (131_071, true),
        ] {
            assert_eq!(edc_verifier::status_bit(&bits, i), Some(set), "bit {i}");
        }
    }

    #[test]
    fn token_list_matches_the_drafts_example() {
        // draft-ietf-oauth-status-list's example: statuses [1,0,0,3,0,1,0,1,1,2,3,3], two
        // bits each, index 0 in the lowest bits, pack into 0xC1 0x44 0xF9.
        let revoked = [0, 5, 7, 8];
        let suspended = [9];
        let lst = encode_token_list(12, &revoked, &suspended);
        let mut bytes = Vec::new();
        flate2::read::ZlibDecoder::new(URL_SAFE_NO_PAD.decode(lst).unwrap().as_slice())
            .read_to_end(&mut bytes)
            .unwrap();
        // Entries 3, 10 and 11 hold 3 (application-specific) in the draft; ours are 0.
        assert_eq!(bytes, [0x01, 0x44, 0x09]);
    }
}
