//! Scanning bytes eight at a time (SWAR), for the checks every literal and IRI goes through.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// True when some byte is below `below` (at most 0x80) or equal to one of `set`.
pub(crate) fn any_below_or_in(bytes: &[u8], below: u8, set: &[u8]) -> bool {
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // Bytes below the bound (bytes with the high bit set are never below it).
        let mut hit = x.wrapping_sub(ONES * u64::from(below)) & !x & HIGHS;
        for &b in set {
            hit |= has_zero(x ^ (ONES * u64::from(b)));
        }
        if hit != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < below || set.contains(&b))
}
