use super::*;

#[test]
fn the_special_byte_test_finds_each_special_byte_anywhere_in_a_word() {
    for position in 0..8 {
        for special in [b'"', b'\\', 0x00, 0x1f] {
            let mut word = *b"abcdefgh";
            word[position] = special;
            assert!(
                has_special(u64::from_le_bytes(word)),
                "{special} at {position}"
            );
        }
        for plain in [b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xff] {
            let mut word = *b"abcdefgh";
            word[position] = plain;
            assert!(
                !has_special(u64::from_le_bytes(word)),
                "{plain} at {position}"
            );
        }
    }
}
