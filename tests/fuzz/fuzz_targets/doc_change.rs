//! libFuzzer entry for `causeway_fuzz::doc_change` (see tests/fuzz/src/lib.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| causeway_fuzz::doc_change(data));
