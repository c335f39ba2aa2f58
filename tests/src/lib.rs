//! End-to-end stories for Causeway; the tests live in `tests/tests/`. This library is empty on
//! purpose: shared helpers for the stories go here as they appear.
