"""The benchmark's article generator, in parts: `bench/corpus.py` is its entry point."""
