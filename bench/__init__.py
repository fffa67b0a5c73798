"""The benchmark suite: ``python -m bench`` (``make bench``). Speed is measured here, not in tests."""
