//! The sentinel for the reference data: without `../shared` (or `$EDC_SHARED_DIR`) this test is
//! listed as ignored with the reason, so `cargo test`'s summary ("1 ignored") and its list say
//! that every data-dependent test passed without checking anything.

#[test]
#[cfg_attr(
    edc_no_shared,
    ignore = "no reference data: ../shared (or $EDC_SHARED_DIR) is missing, so every test that reads the Europass samples, SHACL profiles or W3C suites skipped its checks; see the README's Reference data"
)]
fn reference_data() {
    let dir = edc_testkit::shared_dir().expect("the reference data");
    for part in [
        "europass/samples",
        "europass/shacl",
        "vectors/w3c+json-ld-api/tests",
    ] {
        assert!(
            dir.join(part).is_dir(),
            "{} is missing",
            dir.join(part).display()
        );
    }
}
