//! Trusted-list XML (ETSI TS 119 612): the services reader, the XMLDSig check with exclusive
//! canonicalization, and the LOTL's pointers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    let _ = edc_seal::read_trusted_list(xml);
    let signers = edc_seal::ListSigners {
        lotl: None,
        direct: vec![vec![0x30, 0x00]],
    };
    let _ = edc_seal::TrustStore::new().add_trusted_list(xml, &signers);
    let _ = edc_seal::ListOfTrustedLists::verify(xml, &[vec![0x30, 0x00]]);
});
