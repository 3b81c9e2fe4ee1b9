"""Builders of tiny random-weight models for tests (real architectures, gibberish output)."""
