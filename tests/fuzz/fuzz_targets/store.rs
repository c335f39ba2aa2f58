//! libFuzzer entry for `causeway_fuzz::store` (see tests/fuzz/src/lib.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| causeway_fuzz::store(data));
