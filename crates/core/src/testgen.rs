//! Generated inputs for the tests that check a fast path against its plain definition.

/// `count` strings of up to `max_pieces - 1` pieces drawn from `alphabet`, the same on every
/// run (a xorshift generator), so that the pieces meet in every order.
pub fn strings(alphabet: &[&str], count: usize, max_pieces: u64) -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    (0..count)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (0..seed % max_pieces)
                .map(|k| alphabet[((seed >> (k * 2)) as usize + k as usize) % alphabet.len()])
                .collect()
        })
        .collect()
}
